import type { Role } from '@app/access';

/** The three phases of an EDR/MDR roll-out, in order (導入期, プレ本番期, 本番期). */
export const PHASES = ['introduction', 'pre_production', 'production'] as const;
export type Phase = (typeof PHASES)[number];

export const STEP_TYPES = [
  'approval',
  'signature',
  'email_confirmation',
  'task',
  'automatic_check',
] as const;
export type StepType = (typeof STEP_TYPES)[number];

export const PARTIES = ['customer', 'provider'] as const;
export type Party = (typeof PARTIES)[number];

/** The six areas of DOMAIN.md a step belongs to. */
export const AREAS = [
  'environment',
  'groups_policies',
  'network',
  'migration',
  'detection',
  'mdr_service',
] as const;
export type Area = (typeof AREAS)[number];

export interface LocalisedText {
  ja: string;
  en: string;
  zh: string;
}

/** When reminders go out, relative to the step's due date. */
export interface ReminderSchedule {
  /** Days before the due date at which to remind, e.g. [2]. */
  beforeDueDays: number[];
  /** After the due date, remind every this many days... */
  afterDueEveryDays: number;
  /** ...at most this many reminders in all. */
  maxReminders: number;
}

/** Whether completing a task takes files as evidence: `required` (at least one) or `optional`; absent: none. */
export const EVIDENCE_REQUIREMENTS = ['required', 'optional'] as const;
export type EvidenceRequirement = (typeof EVIDENCE_REQUIREMENTS)[number];

export const DEFAULT_REMINDERS: ReminderSchedule = {
  beforeDueDays: [2],
  afterDueEveryDays: 2,
  maxReminders: 5,
};

export interface StepDefinition {
  /** Stable identifier; later features attach to a step by this key. snake_case. */
  key: string;
  title: LocalisedText;
  description: LocalisedText;
  type: StepType;
  /** The party and role that act on this step (approve, complete, sign, confirm). */
  party: Party;
  role: Role;
  /** For approval steps: the party and role that propose the content being approved. */
  proposer?: { party: Party; role: Role };
  dependsOn: string[];
  /** Due date relative to the onboarding's planned service start, in days (negative = before). */
  dueOffsetDays: number;
  reminders?: ReminderSchedule;
  phase: Phase;
  area: Area;
  /** Whether the service-start gate needs this step done (or waived). */
  requiredForStart: boolean;
  /** Whether a provider lead or account manager may waive it, with a reason. */
  waivable: boolean;
  /** Tasks only: whether completing it takes evidence files (see EVIDENCE_REQUIREMENTS). */
  evidence?: EvidenceRequirement;
}

export interface PhaseDefinition {
  key: Phase;
  title: LocalisedText;
  description: LocalisedText;
}

export interface TemplateDefinition {
  key: string;
  version: number;
  name: LocalisedText;
  description: LocalisedText;
  phases: PhaseDefinition[];
  steps: StepDefinition[];
}
