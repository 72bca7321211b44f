import type { Language } from '@app/identity';
import { INCIDENTS_MESSAGE_FILES } from '../messages/incidents-messages';
import type { IncidentEventType, IncidentStatus } from './incident-vocabulary';

type Labels<Code extends string> = Readonly<Record<Language, Readonly<Record<Code, string>>>>;

const { ja, en, zh } = INCIDENTS_MESSAGE_FILES;

/**
 * The words for an incident's event types and statuses (`incident.event.*`, `incident.status.*`
 * in `messages/`): the one table both the closure report and the portal's incident pages print.
 * Typed per code, so a new event type or status does not compile until its JSON entry exists.
 */
export const INCIDENT_EVENT_LABELS: Labels<IncidentEventType> = {
  ja: ja.incident.event,
  en: en.incident.event,
  zh: zh.incident.event,
};

export const INCIDENT_STATUS_LABELS: Labels<IncidentStatus> = {
  ja: ja.incident.status,
  en: en.incident.status,
  zh: zh.incident.status,
};
