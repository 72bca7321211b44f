import type { ChannelEvent } from '@app/notify';
import type { IncidentEventType } from '../domain/incident-vocabulary';

/**
 * Which timeline events an engagement's chat channels hear of, and as what: the opening, a
 * response action waiting on the customer's approval, and the updates that change where the
 * incident stands (tasks and escalation calls stay on the timeline).
 */
export const INCIDENT_CHANNEL_EVENTS: Partial<Record<IncidentEventType, ChannelEvent>> = {
  opened: 'incident_opened',
  action_requested: 'approval_requested',
  acknowledged: 'incident_updated',
  responded: 'incident_updated',
  status_changed: 'incident_updated',
  sla_breached: 'incident_updated',
  action_executed: 'incident_updated',
  action_approved: 'incident_updated',
  action_declined: 'incident_updated',
  action_fallback_executed: 'incident_updated',
  action_recommended: 'incident_updated',
};
