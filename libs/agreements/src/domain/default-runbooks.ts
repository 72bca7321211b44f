import type { Language, Role } from '@app/access';
import { AGREEMENTS_MESSAGE_FILES } from '../messages/agreements-messages';
import type { RunbookContent, RunbookStep } from './runbook-content';
import type {
  IncidentCategory,
  Party,
  PeacetimeCategory,
  ResponseAction,
  RunbookKind,
  ScheduleFrequency,
  Severity,
} from './vocabulary';

/** The language-independent shape of a default step. */
interface StepShape<Key extends string> {
  key: Key;
  category: PeacetimeCategory | IncidentCategory;
  party: Party;
  role: Role;
  frequency?: ScheduleFrequency;
  severity?: Severity;
  responseAction?: ResponseAction;
}

/** The words of a default step in one language; a step has a trigger or a schedule detail. */
interface StepWords {
  title: string;
  trigger?: string;
  detail?: string;
  timing: string;
  actions: string[];
  template?: { subject: string; body: string };
}

const PEACETIME: StepShape<PeacetimeStepKey>[] = [
  {
    key: 'daily_sensor_health_check',
    category: 'sensor_health_check',
    party: 'provider',
    role: 'provider_analyst',
    frequency: 'daily',
  },
  {
    key: 'offline_sensor_follow_up',
    category: 'sensor_health_check',
    party: 'customer',
    role: 'customer_it',
  },
  {
    key: 'weekly_tuning_review',
    category: 'tuning_review',
    party: 'provider',
    role: 'provider_analyst',
    frequency: 'weekly',
  },
  {
    key: 'tuning_approval',
    category: 'tuning_review',
    party: 'customer',
    role: 'customer_security_lead',
  },
  {
    key: 'monthly_report',
    category: 'periodic_report',
    party: 'provider',
    role: 'provider_lead',
    frequency: 'monthly',
  },
  {
    key: 'monthly_meeting',
    category: 'regular_meeting',
    party: 'provider',
    role: 'account_manager',
    frequency: 'monthly',
  },
  {
    key: 'quarterly_service_review',
    category: 'regular_meeting',
    party: 'provider',
    role: 'provider_lead',
    frequency: 'quarterly',
  },
  {
    key: 'contact_list_check',
    category: 'other',
    party: 'customer',
    role: 'customer_security_lead',
    frequency: 'quarterly',
  },
];

const INCIDENT: StepShape<IncidentStepKey>[] = [
  {
    key: 'triage_critical',
    category: 'triage',
    party: 'provider',
    role: 'provider_analyst',
    severity: 'critical',
  },
  {
    key: 'triage_high',
    category: 'triage',
    party: 'provider',
    role: 'provider_analyst',
    severity: 'high',
  },
  {
    key: 'triage_medium',
    category: 'triage',
    party: 'provider',
    role: 'provider_analyst',
    severity: 'medium',
  },
  {
    key: 'triage_low',
    category: 'triage',
    party: 'provider',
    role: 'provider_analyst',
    severity: 'low',
  },
  {
    key: 'escalate_to_contacts',
    category: 'escalation',
    party: 'provider',
    role: 'provider_analyst',
  },
  {
    key: 'isolate_host',
    category: 'response_action',
    party: 'provider',
    role: 'provider_analyst',
    responseAction: 'isolate_host',
  },
  {
    key: 'kill_process',
    category: 'response_action',
    party: 'provider',
    role: 'provider_analyst',
    responseAction: 'kill_process',
  },
  {
    key: 'quarantine_file',
    category: 'response_action',
    party: 'provider',
    role: 'provider_analyst',
    responseAction: 'quarantine_file',
  },
  {
    key: 'block_hash',
    category: 'response_action',
    party: 'provider',
    role: 'provider_analyst',
    responseAction: 'block_hash',
  },
  {
    key: 'disable_account',
    category: 'response_action',
    party: 'provider',
    role: 'provider_analyst',
    responseAction: 'disable_account',
  },
  { key: 'initial_notice', category: 'communication', party: 'provider', role: 'provider_analyst' },
  { key: 'status_update', category: 'communication', party: 'provider', role: 'provider_lead' },
  { key: 'recovery', category: 'recovery', party: 'customer', role: 'customer_it' },
  { key: 'post_incident_review', category: 'review', party: 'provider', role: 'provider_lead' },
];

/** A runbook's title and its steps' words, keyed by step, in one language. */
interface RunbookWords<Key extends string> {
  title: string;
  steps: Record<Key, StepWords>;
}

/** The step keys of each default runbook, as the English catalog names them. */
type PeacetimeStepKey = keyof typeof AGREEMENTS_MESSAGE_FILES.en.runbooks.peacetime_runbook.steps;
type IncidentStepKey = keyof typeof AGREEMENTS_MESSAGE_FILES.en.runbooks.incident_runbook.steps;

/**
 * `runbooks.*` in the lib's catalog; typed, so a language without the words of a step, or a step
 * shape without words, does not compile.
 */
const PEACETIME_WORDS: Readonly<Record<Language, RunbookWords<PeacetimeStepKey>>> = {
  ja: AGREEMENTS_MESSAGE_FILES.ja.runbooks.peacetime_runbook,
  en: AGREEMENTS_MESSAGE_FILES.en.runbooks.peacetime_runbook,
  zh: AGREEMENTS_MESSAGE_FILES.zh.runbooks.peacetime_runbook,
};

const INCIDENT_WORDS: Readonly<Record<Language, RunbookWords<IncidentStepKey>>> = {
  ja: AGREEMENTS_MESSAGE_FILES.ja.runbooks.incident_runbook,
  en: AGREEMENTS_MESSAGE_FILES.en.runbooks.incident_runbook,
  zh: AGREEMENTS_MESSAGE_FILES.zh.runbooks.incident_runbook,
};

function build<Key extends string>(
  shapes: StepShape<Key>[],
  words: RunbookWords<Key>,
): RunbookContent {
  const steps = shapes.map((shape): RunbookStep => {
    const text = words.steps[shape.key];
    const step: RunbookStep = {
      key: shape.key,
      title: text.title,
      category: shape.category,
      owner: { party: shape.party, role: shape.role },
      timing: text.timing,
      actions: [...text.actions],
    };
    if (shape.frequency)
      step.schedule = text.detail
        ? { frequency: shape.frequency, detail: text.detail }
        : { frequency: shape.frequency };
    else step.trigger = text.trigger;
    if (shape.severity) step.severity = shape.severity;
    if (shape.responseAction) step.responseAction = shape.responseAction;
    if (text.template) step.template = { ...text.template };
    return step;
  });
  return { title: words.title, steps };
}

/** The runbook a new engagement starts from, in the customer's language. */
export function defaultRunbook(kind: RunbookKind, language: Language): RunbookContent {
  return kind === 'peacetime_runbook'
    ? build(PEACETIME, PEACETIME_WORDS[language])
    : build(INCIDENT, INCIDENT_WORDS[language]);
}
