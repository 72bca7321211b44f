import { z } from 'zod';
import { CUSTOMER_ROLES, PROVIDER_ROLES, ROLES } from '@app/access';
import {
  crossFieldRule,
  list,
  noRepeats,
  oneOf,
  optional,
  parseStored,
  readPayload,
  ReadResult,
  record,
  text,
  validPart,
} from '@app/platform';
import {
  INCIDENT_CATEGORIES,
  PARTIES,
  PEACETIME_CATEGORIES,
  RESPONSE_ACTIONS,
  RunbookKind,
  SCHEDULE_FREQUENCIES,
  SEVERITIES,
  StepCategory,
} from './vocabulary';

const ownerSchema = record({ party: oneOf(PARTIES), role: oneOf(ROLES) }).check(
  // The role belongs to the owner's party.
  crossFieldRule((fields, context) => {
    const party = validPart(oneOf(PARTIES), fields.party);
    const role = validPart(oneOf(ROLES), fields.role);
    if (!party || !role) return;
    const roles = party === 'customer' ? CUSTOMER_ROLES : PROVIDER_ROLES;
    if (!roles.includes(role)) context.refuse(['role'], `must be one of: ${roles.join(', ')}`);
  }),
);

const scheduleSchema = record({
  frequency: oneOf(SCHEDULE_FREQUENCIES),
  /** e.g. "first Tuesday of the month, 10:00 JST". */
  detail: optional(text({ max: 300 })),
});
export type RunbookSchedule = z.infer<typeof scheduleSchema>;

const templateSchema = record({ subject: text({ max: 300 }), body: text({ max: 5000 }) });
export type CommunicationTemplate = z.infer<typeof templateSchema>;

/** The rules between a step's fields, given the categories its runbook kind allows. */
function stepRules(categories: readonly [StepCategory, ...StepCategory[]]) {
  return crossFieldRule((fields, context) => {
    if (fields.trigger === undefined && fields.schedule === undefined)
      context.refuse(['trigger'], 'a step needs a trigger or a schedule');
    else if (fields.trigger !== undefined && fields.schedule !== undefined)
      context.refuse(['schedule'], 'a step has a trigger or a schedule, not both');
    const category = validPart(oneOf(categories), fields.category);
    if (!category) return;
    if (category === 'response_action' && fields.responseAction === undefined)
      context.refuse(['responseAction'], 'is required for a response_action step');
    if (category !== 'response_action' && fields.responseAction !== undefined)
      context.refuse(['responseAction'], 'applies to response_action steps only');
    if (category !== 'triage' && fields.severity !== undefined)
      context.refuse(['severity'], 'applies to triage steps only');
    if (category !== 'communication' && fields.template !== undefined)
      context.refuse(['template'], 'applies to communication steps only');
  });
}

/**
 * One step of a runbook: who does what, when. A step runs either on a schedule (peacetime work)
 * or on a trigger (an event, such as a critical detection).
 */
function stepSchema(categories: readonly [StepCategory, ...StepCategory[]]) {
  return record({
    key: text({
      max: 60,
      pattern: /^[a-z][a-z0-9_]*$/,
      patternReason: 'must be snake_case, such as monthly_report',
    }),
    title: text({ max: 200 }),
    category: oneOf(categories),
    owner: ownerSchema,
    trigger: optional(text({ max: 500 })),
    schedule: optional(scheduleSchema),
    /** When it must be done, e.g. "within the SLA's acknowledge time" or "by the 5th business day". */
    timing: text({ max: 300 }),
    actions: list(text({ max: 1000 }), { min: 1, max: 30 }),
    /** Triage steps: the severity they handle. */
    severity: optional(oneOf(SEVERITIES)),
    /** Response-action steps: the action, whose authorisation mode comes from the agreement. */
    responseAction: optional(oneOf(RESPONSE_ACTIONS)),
    /** Communication steps: the message to send. */
    template: optional(templateSchema),
  }).check(stepRules(categories));
}

/** The content of a runbook of the given kind: its steps use that kind's categories. */
function runbookSchema(categories: readonly [StepCategory, ...StepCategory[]]) {
  return record({
    title: text({ max: 200 }),
    steps: list(stepSchema(categories), { min: 1, max: 100 }).check(
      // Repeated keys are found on the raw input, so a repeat is named even beside other errors.
      noRepeats(
        (item) => {
          const key = (item as { key?: unknown } | null)?.key;
          return typeof key === 'string' ? key.trim() : undefined;
        },
        { path: ['key'] },
      ),
    ),
  });
}

export const RUNBOOK_CONTENT_SCHEMAS = {
  peacetime_runbook: runbookSchema(PEACETIME_CATEGORIES),
  incident_runbook: runbookSchema(INCIDENT_CATEGORIES),
} satisfies Record<RunbookKind, unknown>;

/** Either kind's content, as stored and rendered. */
export type RunbookContent = z.infer<(typeof RUNBOOK_CONTENT_SCHEMAS)[RunbookKind]>;
export type RunbookStep = RunbookContent['steps'][number];

/** Validates untrusted runbook content for its kind, naming fields such as `steps[2].owner.role`. */
export function readRunbookContent(kind: RunbookKind, input: unknown): ReadResult<RunbookContent> {
  return readPayload<z.ZodType<RunbookContent>>(RUNBOOK_CONTENT_SCHEMAS[kind], input);
}

/** Runbook content read back from its jsonb column: typed by parsing, not by a cast. */
export function storedRunbookContent(kind: RunbookKind, content: unknown): RunbookContent {
  return parseStored<z.ZodType<RunbookContent>>(RUNBOOK_CONTENT_SCHEMAS[kind], content, kind);
}
