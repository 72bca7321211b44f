import { CUSTOMER_ROLES, PROVIDER_ROLES, Role } from '@app/access';
import type { ReadResult } from './agreement-content';
import { FieldReader, fieldPath } from './field-reader';
import {
  INCIDENT_CATEGORIES,
  PARTIES,
  Party,
  PEACETIME_CATEGORIES,
  RESPONSE_ACTIONS,
  ResponseAction,
  RunbookKind,
  SCHEDULE_FREQUENCIES,
  ScheduleFrequency,
  SEVERITIES,
  Severity,
  StepCategory,
} from './vocabulary';

export interface RunbookSchedule {
  frequency: ScheduleFrequency;
  /** e.g. "first Tuesday of the month, 10:00 JST". */
  detail?: string;
}

export interface CommunicationTemplate {
  subject: string;
  body: string;
}

/**
 * One step of a runbook: who does what, when. A step runs either on a schedule (peacetime work)
 * or on a trigger (an event, such as a critical detection).
 */
export interface RunbookStep {
  key: string;
  title: string;
  category: StepCategory;
  owner: { party: Party; role: Role };
  trigger?: string;
  schedule?: RunbookSchedule;
  /** When it must be done, e.g. "within the SLA's acknowledge time" or "by the 5th business day". */
  timing: string;
  actions: string[];
  /** Triage steps: the severity they handle. */
  severity?: Severity;
  /** Response-action steps: the action, whose authorisation mode comes from the agreement. */
  responseAction?: ResponseAction;
  /** Communication steps: the message to send. */
  template?: CommunicationTemplate;
}

export interface RunbookContent {
  title: string;
  steps: RunbookStep[];
}

const RUNBOOK_FIELDS = ['title', 'steps'] as const satisfies ReadonlyArray<keyof RunbookContent>;
const STEP_FIELDS = [
  'key',
  'title',
  'category',
  'owner',
  'trigger',
  'schedule',
  'timing',
  'actions',
  'severity',
  'responseAction',
  'template',
] as const;

function categoriesFor(kind: RunbookKind): readonly StepCategory[] {
  return kind === 'peacetime_runbook' ? PEACETIME_CATEGORIES : INCIDENT_CATEGORIES;
}

function readOwner(reader: FieldReader, value: unknown, path: string): RunbookStep['owner'] | null {
  const record = reader.object(value, path, ['party', 'role']);
  if (!record) return null;
  const party = reader.oneOf(record.party, fieldPath(path, 'party'), PARTIES);
  if (!party) return null;
  const roles = party === 'customer' ? CUSTOMER_ROLES : PROVIDER_ROLES;
  const role = reader.oneOf(record.role, fieldPath(path, 'role'), roles);
  return role ? { party, role } : null;
}

function readStep(
  reader: FieldReader,
  kind: RunbookKind,
  value: unknown,
  path: string,
): RunbookStep | null {
  const record = reader.object(value, path, STEP_FIELDS);
  if (!record) return null;
  const key = reader.string(record.key, fieldPath(path, 'key'), {
    max: 60,
    pattern: /^[a-z][a-z0-9_]*$/,
    patternReason: 'must be snake_case, such as monthly_report',
  });
  const title = reader.string(record.title, fieldPath(path, 'title'), { max: 200 });
  const category = reader.oneOf(record.category, fieldPath(path, 'category'), categoriesFor(kind));
  const owner = readOwner(reader, record.owner, fieldPath(path, 'owner'));
  const trigger = reader.optionalString(record.trigger, fieldPath(path, 'trigger'), { max: 500 });
  let schedule: RunbookSchedule | null = null;
  if (record.schedule !== undefined && record.schedule !== null) {
    const schedulePath = fieldPath(path, 'schedule');
    const scheduleRecord = reader.object(record.schedule, schedulePath, ['frequency', 'detail']);
    if (scheduleRecord) {
      const frequency = reader.oneOf(
        scheduleRecord.frequency,
        fieldPath(schedulePath, 'frequency'),
        SCHEDULE_FREQUENCIES,
      );
      const detail = reader.optionalString(
        scheduleRecord.detail,
        fieldPath(schedulePath, 'detail'),
        { max: 300 },
      );
      if (frequency) schedule = detail ? { frequency, detail } : { frequency };
    }
  }
  if (record.trigger == null && record.schedule == null) {
    reader.fail(fieldPath(path, 'trigger'), 'a step needs a trigger or a schedule');
  } else if (record.trigger != null && record.schedule != null) {
    reader.fail(fieldPath(path, 'schedule'), 'a step has a trigger or a schedule, not both');
  }
  const timing = reader.string(record.timing, fieldPath(path, 'timing'), { max: 300 });
  const actionsPath = fieldPath(path, 'actions');
  const actionItems = reader.array(record.actions, actionsPath, { min: 1, max: 30 });
  const actions = (actionItems ?? [])
    .map((item, index) => reader.string(item, fieldPath(actionsPath, index), { max: 1000 }))
    .filter((a): a is string => a !== null);

  const severity =
    record.severity == null
      ? null
      : reader.oneOf(record.severity, fieldPath(path, 'severity'), SEVERITIES);
  const responseAction =
    record.responseAction == null
      ? null
      : reader.oneOf(record.responseAction, fieldPath(path, 'responseAction'), RESPONSE_ACTIONS);
  if (category === 'response_action' && record.responseAction == null) {
    reader.fail(fieldPath(path, 'responseAction'), 'is required for a response_action step');
  }
  if (category && category !== 'response_action' && record.responseAction != null) {
    reader.fail(fieldPath(path, 'responseAction'), 'applies to response_action steps only');
  }
  if (category && category !== 'triage' && record.severity != null) {
    reader.fail(fieldPath(path, 'severity'), 'applies to triage steps only');
  }
  let template: CommunicationTemplate | null = null;
  if (record.template != null) {
    const templatePath = fieldPath(path, 'template');
    if (category && category !== 'communication')
      reader.fail(templatePath, 'applies to communication steps only');
    const templateRecord = reader.object(record.template, templatePath, ['subject', 'body']);
    if (templateRecord) {
      const subject = reader.string(templateRecord.subject, fieldPath(templatePath, 'subject'), {
        max: 300,
      });
      const body = reader.string(templateRecord.body, fieldPath(templatePath, 'body'), {
        max: 5000,
      });
      if (subject && body) template = { subject, body };
    }
  }
  if (!key || !title || !category || !owner || !timing || !actionItems) return null;
  const step: RunbookStep = { key, title, category, owner, timing, actions };
  if (trigger) step.trigger = trigger;
  if (schedule) step.schedule = schedule;
  if (severity) step.severity = severity;
  if (responseAction) step.responseAction = responseAction;
  if (template) step.template = template;
  return step;
}

/** Validates untrusted runbook content for its kind, naming fields such as `steps[2].owner.role`. */
export function readRunbookContent(kind: RunbookKind, input: unknown): ReadResult<RunbookContent> {
  const reader = new FieldReader();
  const record = reader.object(input, '', RUNBOOK_FIELDS);
  if (!record) return { value: null, errors: reader.errors };
  const title = reader.string(record.title, 'title', { max: 200 });
  const items = reader.array(record.steps, 'steps', { min: 1, max: 100 });
  const steps: RunbookStep[] = [];
  const keys = new Set<string>();
  items?.forEach((item, index) => {
    const step = readStep(reader, kind, item, fieldPath('steps', index));
    // Repeated keys are found on the raw input, so a repeat is named even beside other errors.
    const key = (item as { key?: unknown } | null)?.key;
    if (typeof key === 'string' && keys.has(key.trim()))
      reader.fail(fieldPath(fieldPath('steps', index), 'key'), `repeats ${key.trim()}`);
    if (typeof key === 'string') keys.add(key.trim());
    if (step) steps.push(step);
  });
  if (!reader.ok || !title) return { value: null, errors: reader.errors };
  return { value: { title, steps }, errors: [] };
}
