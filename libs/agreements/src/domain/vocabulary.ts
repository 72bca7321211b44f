/** The closed vocabularies of agreements, runbooks and provider catalogues. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Response actions the provider may take on the customer's endpoints and accounts. */
export const RESPONSE_ACTIONS = [
  'isolate_host',
  'kill_process',
  'quarantine_file',
  'block_hash',
  'disable_account',
] as const;
export type ResponseAction = (typeof RESPONSE_ACTIONS)[number];

/**
 * How the provider may take a response action: the customer has authorised it in advance, so
 * the provider acts and informs them (`authorize`); the provider asks and waits up to a timeout,
 * then `act`s or `wait`s (`collaborate`); or the provider may only recommend it (`notify`).
 */
export const AUTHORISATION_MODES = ['notify', 'collaborate', 'authorize'] as const;
export type AuthorisationMode = (typeof AUTHORISATION_MODES)[number];

export const COLLABORATE_FALLBACKS = ['act', 'wait'] as const;
export type CollaborateFallback = (typeof COLLABORATE_FALLBACKS)[number];

export const CHANNELS = ['phone', 'email', 'chat', 'ticket', 'portal'] as const;
export type Channel = (typeof CHANNELS)[number];

export const COVERAGES = ['24x7', 'business_hours'] as const;
export type Coverage = (typeof COVERAGES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const ASSET_TYPES = ['host', 'group'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

/** Each kind of versioned document is named after the workflow step that approves it. */
export const DOCUMENT_KINDS = [
  'service_agreement',
  'peacetime_runbook',
  'incident_runbook',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type RunbookKind = Exclude<DocumentKind, 'service_agreement'>;

/** The runbook kinds as they appear in URLs: /runbooks/peacetime, /runbooks/incident. */
export const RUNBOOK_PATHS = {
  peacetime: 'peacetime_runbook',
  incident: 'incident_runbook',
} as const;
export type RunbookPath = keyof typeof RUNBOOK_PATHS;

/** draft → proposed → approved | rejected; a newer proposal supersedes the proposed or approved one. */
export const VERSION_STATUSES = [
  'draft',
  'proposed',
  'approved',
  'rejected',
  'superseded',
] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const PEACETIME_CATEGORIES = [
  'periodic_report',
  'sensor_health_check',
  'tuning_review',
  'regular_meeting',
  'other',
] as const;
export const INCIDENT_CATEGORIES = [
  'triage',
  'escalation',
  'response_action',
  'communication',
  'recovery',
  'review',
  'other',
] as const;
export type PeacetimeCategory = (typeof PEACETIME_CATEGORIES)[number];
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];
export type StepCategory = PeacetimeCategory | IncidentCategory;

export const SCHEDULE_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type ScheduleFrequency = (typeof SCHEDULE_FREQUENCIES)[number];

export const PARTIES = ['customer', 'provider'] as const;
export type Party = (typeof PARTIES)[number];
