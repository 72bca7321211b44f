import { AccessScope, Engagement, engagementScopeCondition } from '@app/identity';
import { NotFoundException } from '@app/platform';
import { EntityManager } from 'typeorm';
import { Onboarding } from '../entities/onboarding.entity';
import type { ScopedOnboarding } from './onboarding-access';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import type { OnboardingEvent } from '../entities/onboarding-event.entity';
import type { SubmissionKind } from '../entities/step-submission.entity';
import type { CompletionView } from '../task-evidence/task-evidence.service';
import type { LocalisedText } from '../templates/template.types';

/** The newest proposal of a step, as the view shows it (written content only for `content`). */
export interface ProposalRow {
  stepKey: string;
  version: number;
  kind: SubmissionKind;
  contentHash: string;
  content: Record<string, unknown> | null;
  note: string | null;
  submittedAt: Date;
  outdatedChanges: LocalisedText | null;
}

/** The history the JSON view shows: the newest events first. */
export const HISTORY_LIMIT = 500;

/** One history event with its actor's name, as the views show it. */
export type HistoryEventRow = OnboardingEvent & { actorName: string | null };

/** A member of the engagement's customer or provider organisation holding a role a step acts in. */
export interface MemberRow {
  organisationId: string;
  role: string;
  id: string;
  displayName: string;
  email: string;
}

export interface OnboardingViewRows {
  /** The onboarding's steps in order, as the entity TypeORM would load. */
  steps: OnboardingStep[];
  /**
   * Both organisations' members holding a role of a step or of `proposerRoles`, by display name;
   * account managers only when assigned to the engagement (what AssigneeResolver reads).
   */
  members: MemberRow[];
  organisationNames: Map<string, string>;
  proposals: Map<string, ProposalRow>;
  history: HistoryEventRow[];
  /** How many events the onboarding has in all (the history may show only the newest). */
  historyTotal: number;
  /** Each task's latest completion, with its files and who completed it. */
  completions: Map<string, CompletionView>;
}

/** Milliseconds since the epoch, truncated as `pg` truncates a timestamptz to a Date. */
const ms = (column: string): string => `floor(extract(epoch FROM ${column}) * 1000)::float8`;

/*
 * Written by hand (docs/ARCHITECTURE.md, "Speed: the onboarding and the mixed load"): the
 * onboarding through the caller's scope with its engagement and everything its view shows, in one
 * statement and one round trip instead of eleven (a round trip's socket write costs more Node CPU
 * than the rows), read as plain rows instead of entities: the steps with every column of the
 * entity; the members who may act on them (holding a step's role or a proposer's, account
 * managers only when assigned, as AssigneeResolver reads them); the organisations' names; the
 * newest proposal per step with its written content only (a snapshot is read through its
 * document); the newest events (HISTORY_LIMIT, or fewer for a page showing only the latest) with
 * their actors' names and how many there are in all; each step's latest completion.
 */
function viewSql(scopeSql: string): string {
  return `
SELECT
  json_build_object('id', ob.id, 'engagementId', ob.engagement_id, 'sequence', ob.sequence,
    'kind', ob.kind, 'templateKey', ob.template_key, 'templateVersion', ob.template_version,
    'plannedStartDate', ob.planned_start_date, 'status', ob.status,
    'currentPhase', ob.current_phase, 'createdBy', ob.created_by,
    'createdAt', ${ms('ob.created_at')}, 'serviceStartedAt', ${ms('ob.service_started_at')},
    'serviceStartedBy', ob.service_started_by, 'version', ob.version) AS onboarding,
  json_build_object('id', e.id, 'customerOrganisationId', e.customer_organisation_id,
    'providerOrganisationId', e.provider_organisation_id, 'name', e.name, 'status', e.status,
    'edrProduct', e.edr_product, 'edrTenant', e.edr_tenant,
    'createdAt', ${ms('e.created_at')}) AS engagement,
  (SELECT coalesce(json_agg(st ORDER BY st.position), '[]') FROM (
     SELECT s.id, s.onboarding_id AS "onboardingId", s.key, s.position, s.type, s.party, s.role,
       s.phase, s.area, s.depends_on AS "dependsOn", s.required_for_start AS "requiredForStart",
       s.waivable, ${ms('s.due_at')} AS "dueAt", s.state, s.reason, s.content_hash AS "contentHash",
       s.acted_by AS "actedBy", ${ms('s.acted_at')} AS "actedAt", ${ms('s.opened_at')} AS "openedAt",
       s.version
     FROM onboarding_step s WHERE s.onboarding_id = ob.id) st) AS steps,
  (SELECT coalesce(json_agg(m ORDER BY m."displayName"), '[]') FROM (
     SELECT m.organisation_id AS "organisationId", m.role, u.id, u.display_name AS "displayName",
       u.email
     FROM membership m JOIN app_user u ON u.id = m.user_id
     LEFT JOIN engagement_assignment a ON a.user_id = u.id AND a.engagement_id = e.id
     WHERE m.organisation_id = ANY(ARRAY[e.customer_organisation_id, e.provider_organisation_id])
       AND (m.role = ANY(:viewProposerRoles::text[])
         OR m.role IN (SELECT s.role FROM onboarding_step s WHERE s.onboarding_id = ob.id))
       AND (m.role <> 'account_manager' OR a.user_id IS NOT NULL)) m) AS members,
  (SELECT coalesce(json_agg(json_build_object('id', o.id, 'name', o.name)), '[]')
     FROM organisation o WHERE o.id = ANY(ARRAY[e.customer_organisation_id, e.provider_organisation_id])) AS organisations,
  (SELECT coalesce(json_agg(p), '[]') FROM (
     SELECT DISTINCT ON (s.step_key)
       s.step_key AS "stepKey", s.version, s.kind, s.content_hash AS "contentHash",
       CASE WHEN s.kind = 'content' THEN s.content END AS content, s.note,
       ${ms('s.submitted_at')} AS "submittedAt",
       CASE WHEN s.outdated_at IS NOT NULL THEN s.outdated_changes END AS "outdatedChanges"
     FROM step_submission s WHERE s.onboarding_id = ob.id
     ORDER BY s.step_key, s.version DESC) p) AS proposals,
  (SELECT coalesce(json_agg(h ORDER BY h.seq DESC), '[]') FROM (
     SELECT ev.id AS seq, ev.id::text AS id, ev.onboarding_id AS "onboardingId",
       ev.step_key AS "stepKey", ev.action, ev.from_state AS "fromState", ev.to_state AS "toState",
       ev.actor_user_id AS "actorUserId", ev.reason, ev.content_hash AS "contentHash", ev.details,
       ${ms('ev.at')} AS at, u.display_name AS "actorName"
     FROM onboarding_event ev LEFT JOIN app_user u ON u.id = ev.actor_user_id
     WHERE ev.onboarding_id = ob.id ORDER BY ev.id DESC LIMIT :viewHistoryLimit) h) AS history,
  (SELECT count(*)::int FROM onboarding_event ev WHERE ev.onboarding_id = ob.id) AS "historyTotal",
  (SELECT coalesce(json_agg(c), '[]') FROM (
     SELECT DISTINCT ON (c.step_key)
       c.step_key AS "stepKey", c.note, c.completed_by AS "completedBy",
       u.display_name AS "completedByName", ${ms('c.completed_at')} AS "completedAt",
       (SELECT coalesce(json_agg(json_build_object(
            'id', f.id, 'fileName', f.file_name, 'contentType', f.content_type,
            'sizeBytes', f.size_bytes, 'sha256', f.sha256, 'uploadedAt', ${ms('f.uploaded_at')})
          ORDER BY f.uploaded_at, f.seq), '[]')
        FROM evidence_attachment f
        WHERE f.subject_kind = 'step_completion' AND f.subject_id = c.id
          AND f.visibility = 'shared') AS files
     FROM step_completion c LEFT JOIN app_user u ON u.id = c.completed_by
     WHERE c.onboarding_id = ob.id
     ORDER BY c.step_key, c.completed_at DESC, c.id DESC) c) AS completions
FROM onboarding ob JOIN engagement e ON e.id = ob.engagement_id
WHERE ob.id = :viewOnboardingId AND ${scopeSql}`;
}

/**
 * The statement for one shape of scope condition (a handful exist, by role), its named
 * parameters (`:name`, not a `::` cast) made positional once.
 */
const statements = new Map<string, { text: string; names: string[] }>();

function statementFor(scopeSql: string): { text: string; names: string[] } {
  let statement = statements.get(scopeSql);
  if (!statement) {
    const names: string[] = [];
    const text = viewSql(scopeSql).replace(/(?<!:):(\w+)/g, (_match, name: string) => {
      if (!names.includes(name)) names.push(name);
      return `$${names.indexOf(name) + 1}`;
    });
    statement = { text, names };
    statements.set(scopeSql, statement);
  }
  return statement;
}

type RawEvent = Omit<OnboardingEvent, 'at'> & { seq: number; at: number; actorName: string | null };

type RawStep = Omit<OnboardingStep, 'dueAt' | 'actedAt' | 'openedAt'> & {
  dueAt: number;
  actedAt: number | null;
  openedAt: number | null;
};

interface Raw {
  onboarding: Omit<Onboarding, 'createdAt' | 'serviceStartedAt'> & {
    createdAt: number;
    serviceStartedAt: number | null;
  };
  engagement: Omit<Engagement, 'createdAt'> & { createdAt: number };
  steps: RawStep[];
  members: MemberRow[];
  organisations: { id: string; name: string }[];
  proposals: (Omit<ProposalRow, 'submittedAt'> & { submittedAt: number })[];
  history: RawEvent[];
  historyTotal: number;
  completions: (Omit<CompletionView, 'completedAt' | 'files'> & {
    stepKey: string;
    completedAt: number;
    files: (Omit<CompletionView['files'][number], 'uploadedAt'> & { uploadedAt: number })[];
  })[];
}

/**
 * The onboarding through the caller's engagement scope (another tenant's, or none: 404) with its
 * engagement, and everything its view shows, in one statement. `proposerRoles`: the template's
 * proposers' roles, whose members are read with the steps' own.
 */
export async function readOnboardingView(
  manager: EntityManager,
  scope: AccessScope,
  onboardingId: string,
  proposerRoles: readonly string[],
  historyLimit: number = HISTORY_LIMIT,
): Promise<ScopedOnboarding & OnboardingViewRows> {
  const condition = engagementScopeCondition(scope, 'e');
  const statement = statementFor(condition.sql);
  const params: Record<string, unknown> = {
    ...condition.params,
    viewOnboardingId: onboardingId,
    viewHistoryLimit: historyLimit,
    viewProposerRoles: proposerRoles,
  };
  const found = (await manager.query(
    statement.text,
    statement.names.map((name) => params[name]),
  )) as Raw[];
  if (found.length === 0) throw new NotFoundException('Onboarding');
  const [raw] = found;
  return {
    // Entities as TypeORM would hydrate them (their columns in the entity's order).
    onboarding: Object.assign(new Onboarding(), raw.onboarding, {
      createdAt: new Date(raw.onboarding.createdAt),
      serviceStartedAt: dateOrNull(raw.onboarding.serviceStartedAt),
    }),
    engagement: Object.assign(new Engagement(), raw.engagement, {
      createdAt: new Date(raw.engagement.createdAt),
    }),
    steps: raw.steps.map(stepOf),
    members: raw.members,
    organisationNames: new Map(raw.organisations.map((o) => [o.id, o.name])),
    proposals: new Map(
      raw.proposals.map((p) => [p.stepKey, { ...p, submittedAt: new Date(p.submittedAt) }]),
    ),
    history: raw.history.map(eventOf),
    historyTotal: raw.historyTotal,
    completions: new Map(
      raw.completions.map(({ stepKey, completedAt, files, ...c }) => [
        stepKey,
        {
          ...c,
          completedAt: new Date(completedAt),
          files: files.map((f) => ({ ...f, uploadedAt: new Date(f.uploadedAt) })),
        },
      ]),
    ),
  };
}

const dateOrNull = (value: number | null): Date | null => (value === null ? null : new Date(value));

/** The entity with its columns in the order TypeORM sets them (the row's order). */
function stepOf(raw: RawStep): OnboardingStep {
  return Object.assign(new OnboardingStep(), raw, {
    dueAt: new Date(raw.dueAt),
    actedAt: dateOrNull(raw.actedAt),
    openedAt: dateOrNull(raw.openedAt),
  });
}

function eventOf({ seq: _seq, at, ...event }: RawEvent): HistoryEventRow {
  return { ...event, at: new Date(at) };
}

const HISTORY_PAGE_SQL = `
SELECT
  (SELECT o.name FROM organisation o WHERE o.id = $4) AS "customerName",
  (SELECT count(*)::int FROM onboarding_event ev WHERE ev.onboarding_id = $1) AS total,
  (SELECT coalesce(json_agg(e ORDER BY e.seq DESC), '[]') FROM (
     SELECT ev.id AS seq, ev.id::text AS id, ev.onboarding_id AS "onboardingId",
       ev.step_key AS "stepKey", ev.action, ev.from_state AS "fromState", ev.to_state AS "toState",
       ev.actor_user_id AS "actorUserId", ev.reason, ev.content_hash AS "contentHash", ev.details,
       ${ms('ev.at')} AS at, u.display_name AS "actorName"
     FROM onboarding_event ev LEFT JOIN app_user u ON u.id = ev.actor_user_id
     WHERE ev.onboarding_id = $1 ORDER BY ev.id DESC LIMIT $2 OFFSET $3) e) AS events`;

/** A page of an onboarding's history (newest first), how many events it has, its customer's name. */
export async function readOnboardingHistory(
  manager: EntityManager,
  onboardingId: string,
  customerOrganisationId: string,
  page: { limit: number; offset: number },
): Promise<{ customerName: string; events: HistoryEventRow[]; total: number }> {
  const [raw] = (await manager.query(HISTORY_PAGE_SQL, [
    onboardingId,
    page.limit,
    page.offset,
    customerOrganisationId,
  ])) as { customerName: string | null; total: number; events: RawEvent[] }[];
  return {
    customerName: raw.customerName ?? '',
    events: raw.events.map(eventOf),
    total: raw.total,
  };
}
