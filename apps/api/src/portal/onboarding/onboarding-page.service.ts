import { ConversationLink, ConversationLinks } from '@app/collaboration';
import { Injectable } from '@nestjs/common';
import { Clock } from '@app/platform';
import { can, EngagementService, Language } from '@app/identity';
import { acceptedExtensions } from '@app/evidence';
import {
  localise,
  MAX_NOTE_LENGTH,
  OnboardingDetail,
  OnboardingService,
  OnboardingSummary,
  OnboardingViewService,
  PHASES,
  StepView,
  TaskEvidenceService,
  TemplateRegistry,
} from '@app/workflow';
import { formatBytes } from './completion-flash';
import { translate } from '../i18n/translate';
import { PortalViewer } from '../session/portal-viewer.service';
import { stepAnchor } from '../session/flash';
import { gateWords, GateWords, joinList, waitReason, whoText } from './gate-words';
import { documentsPath, STEP_DOCUMENT } from '../documents/document-input';
import { proposeFormOf, ProposeForm } from '../proposals/proposal-form';
import { proposalPagePath, proposeFormPath } from '../proposals/proposal-paths';
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH } from './step-action-flash';
import { FeatureLink, featureLinkOf } from './feature-links';
import { historyReason, HistoryReasonEvent } from './history-reason';
import { stepEvidencePath } from '../evidence/evidence-paths';
import { incidentsPath } from '../incidents/incident-page-input';

/** The templates the create form offers. */
export const ONBOARDING_TEMPLATE_KEYS = ['edr-mdr-onboarding'];

const LIST_LIMIT = 100;
/** Enough to know which engagements already have an onboarding. */
const ALL_LIMIT = 1000;

export interface OnboardingListRow {
  id: string;
  href: string;
  customerName: string;
  sequence: number;
  kind: string;
  templateName: string;
  status: string;
  currentPhase: string;
  requiredDone: number;
  requiredSteps: number;
  overdueSteps: number;
  plannedStartDate: string;
}

export interface OnboardingListPage {
  items: OnboardingListRow[];
  total: number;
  truncated: boolean;
  /** The form to start one; only for the provider lead and account managers. */
  create: {
    engagements: { id: string; name: string; customerName: string }[];
    /** Engagements whose service started: only a re-onboarding, asked for explicitly. */
    started: { id: string; name: string; customerName: string }[];
    templates: { key: string; name: string }[];
    today: string;
  } | null;
}

export interface StepCard {
  key: string;
  /** The step's conversation and how many comments the viewer sees in it. */
  conversation?: ConversationLink | null;
  anchor: string;
  title: string;
  description: string;
  type: string;
  state: string;
  requiredForStart: boolean;
  waivable: boolean;
  who: string;
  assignees: string;
  dueAt: Date;
  overdue: boolean;
  /** Why it is not settled (translated), or null when it is. */
  waitReason: string | null;
  /** The words of whoever rejected, waived or reopened it. */
  reason: string | null;
  /** The newest proposal, read on its own page (`href`); `outdated`: what changed since, in the page's language. */
  proposal: {
    version: number;
    kind: 'snapshot' | 'content';
    shortHash: string;
    contentHash: string;
    submittedAt: Date;
    note: string | null;
    outdated: string | null;
    href: string;
  } | null;
  /** The approver's way to the decision: the proposal's page, where the document is. */
  decideHref: string | null;
  /** The proposer's party and role, for approval steps that approve a proposal. */
  proposer: string | null;
  version: number;
  can: Record<'approve' | 'complete' | 'reject' | 'waive' | 'reopen' | 'propose', boolean>;
  hasActions: boolean;
  /** The propose form: a note only for a configuration snapshot, the step's fields otherwise. */
  propose: ProposeForm | null;
  /** Steps decided by approving a document version: the link to that document. */
  decidedIn: { href: string; document: string } | null;
  /** Steps worked on through a feature page (signatures, block list, routing, ...). */
  featureLink: FeatureLink | null;
  /** The step's evidence files page (list and upload). */
  evidenceFilesHref: string;
  /** Tasks: `required` or `optional` evidence files (null: none taken). */
  evidence: string | null;
  /** Offer the one-click completion (no evidence required). */
  quickComplete: boolean;
  /** A done step's note and evidence, as recorded when it was completed. */
  completion: {
    note: string | null;
    by: string | null;
    at: Date;
    files: {
      fileName: string;
      size: string;
      sha256: string;
      shortHash: string;
      href: string | null;
    }[];
  } | null;
  /** What a measured precondition still misses (in the page's language). */
  completionBlockers: string[];
}

/** What the completion form says about files: how many, how big, which kinds. */
export interface EvidenceLimitsView {
  maxFiles: number;
  maxSize: string;
  accept: string;
  kinds: string;
}

export interface PhaseGroup {
  phase: string;
  title: string;
  current: boolean;
  exitCriteriaMet: boolean;
  /** An earlier phase than the current one whose exit criteria are unmet again (an approval went stale). */
  reopened: boolean;
  required: number;
  settled: number;
  total: number;
  steps: StepCard[];
}

export interface BlockerRow {
  title: string;
  anchor: string;
  state: string;
  who: string;
  names: string;
  dueAt: string | null;
  overdue: boolean;
  reason: string;
}

export interface HistoryRow {
  at: Date;
  actorName: string | null;
  actionLabel: string;
  stepTitle: string | null;
  stepAnchor: string | null;
  /** The states it moved between, in the page's language ("Open → Done"), or null. */
  states: string | null;
  reason: string | null;
}

/** A page of the whole history (GET /onboardings/:id/history?page=N). */
export interface OnboardingHistoryView {
  id: string;
  customerName: string;
  sequence: number;
  kind: string;
  onboardingHref: string;
  events: HistoryRow[];
  total: number;
  page: number;
  from: number;
  to: number;
  previousHref: string | null;
  nextHref: string | null;
}

/** The onboarding page shows the newest events; the rest are a link away. */
export const LATEST_HISTORY = 20;
/** Events per page of the whole history. */
export const HISTORY_PAGE_SIZE = 50;

export function onboardingHistoryPath(id: string, page = 1): string {
  return page > 1 ? `/onboardings/${id}/history?page=${page}` : `/onboardings/${id}/history`;
}

export interface OnboardingPage {
  id: string;
  customerName: string;
  sequence: number;
  kind: string;
  providerName: string;
  templateName: string;
  plannedStartDate: string;
  status: string;
  currentPhase: string;
  serviceStartedAt: Date | null;
  /** The engagement's incident queue, once the onboarding is active (the service started). */
  incidentsHref: string | null;
  /** The engagement's checkpoint statements, once the service started. */
  checkpointsHref: string | null;
  /** The readiness summary (page and PDF), for those who may read it. */
  readinessHref: string | null;
  gate: GateWords & { blockers: BlockerRow[] };
  /** Whether to offer the start button: the gate is ready and the viewer may start. */
  canStart: boolean;
  phases: PhaseGroup[];
  /** The newest events (LATEST_HISTORY); the whole history is on its own pages (`historyHref`). */
  history: HistoryRow[];
  historyTotal: number;
  /** Whether there are more events than the page shows. */
  historyMore: boolean;
  historyHref: string;
  reasonLimits: { min: number; max: number };
  evidenceLimits: EvidenceLimitsView;
  noteMax: number;
}

/** History actions the catalogs have words for; anything else is shown as recorded. */
const HISTORY_ACTIONS = new Set([
  'created',
  'completed',
  'approved',
  'rejected',
  'waived',
  'reopened',
  'revised',
  'stale',
  'unblocked',
  'blocked',
  'proposal_submitted',
  'service_started',
  'start_refused',
]);

/** What a history entry says happened; anything without words is shown as recorded. */
function historyLabel(language: Language, action: string): string {
  if (action === 'proposal_outdated') return translate(language, 'proposals.history.outdated');
  return HISTORY_ACTIONS.has(action)
    ? translate(language, `onboarding.history.action.${action}`)
    : action;
}

/**
 * The history's rows in the page's language. The labels depend only on the action and the
 * states, so each is translated once per page however many rows repeat it.
 */
function historyRows(
  language: Language,
  events: readonly {
    at: Date;
    actorName: string | null;
    action: string;
    stepKey: string | null;
    fromState: string | null;
    toState: string | null;
    reason: string | null;
    details?: HistoryReasonEvent['details'];
  }[],
  titleOf: (key: string | null) => string | null,
): HistoryRow[] {
  const words = new Map<string, string>();
  const once = (key: string, make: () => string): string => {
    let text = words.get(key);
    if (text === undefined) {
      text = make();
      words.set(key, text);
    }
    return text;
  };
  const state = (s: string): string =>
    once(`state:${s}`, () => translate(language, `onboarding.state.${s}`));
  return events.map((event) => ({
    at: event.at,
    actorName: event.actorName,
    actionLabel: once(`action:${event.action}`, () => historyLabel(language, event.action)),
    stepTitle: titleOf(event.stepKey),
    stepAnchor: event.stepKey ? stepAnchor(event.stepKey) : null,
    states: !event.toState
      ? null
      : event.fromState
        ? once(`move:${event.fromState}:${event.toState}`, () =>
            translate(language, 'onboarding.history.transition', {
              from: state(event.fromState as string),
              to: state(event.toState as string),
            }),
          )
        : state(event.toState),
    reason: historyReason(language, event),
  }));
}

function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

function stepCard(language: Language, detail: OnboardingDetail, step: StepView): StepCard {
  const settled = step.state === 'done' || step.state === 'waived';
  // An approval of a proposal is decided on the proposal's page, where the document is read;
  // with nothing proposed yet there is nothing to decide.
  const proposed = step.proposer !== null;
  const decideHref =
    proposed && step.proposal && step.actions.includes('approve')
      ? proposalPagePath(detail.id, step.key, step.proposal.version)
      : null;
  const anchor = stepAnchor(step.key);
  const can = {
    approve: !proposed && step.actions.includes('approve'),
    complete: step.actions.includes('complete'),
    reject: !proposed && step.actions.includes('reject'),
    waive: step.actions.includes('waive'),
    reopen: step.actions.includes('reopen'),
    propose: step.actions.includes('propose'),
  };
  return {
    key: step.key,
    anchor,
    title: step.title,
    description: step.description,
    type: step.type,
    state: step.state,
    requiredForStart: step.requiredForStart,
    waivable: step.waivable,
    who: whoText(language, detail, step.party, step.role),
    assignees: joinList(
      language,
      step.assignees.map((a) => a.displayName),
    ),
    dueAt: step.dueAt,
    overdue: step.overdue,
    waitReason: settled ? null : waitReason(language, detail, step) || null,
    // A stale step's reason is the engine's English note; waitReason says it in words instead.
    reason: step.state === 'stale' ? null : step.reason,
    proposal: step.proposal
      ? {
          version: step.proposal.version,
          kind: step.proposal.kind,
          shortHash: shortHash(step.proposal.contentHash),
          contentHash: step.proposal.contentHash,
          submittedAt: step.proposal.submittedAt,
          note: step.proposal.note,
          outdated: step.proposal.outdated?.[language] ?? null,
          href: proposalPagePath(detail.id, step.key, step.proposal.version),
        }
      : null,
    decideHref,
    proposer: step.proposer
      ? whoText(language, detail, step.proposer.party, step.proposer.role)
      : null,
    version: step.version,
    can,
    hasActions: Object.values(can).some(Boolean) || decideHref !== null,
    propose: can.propose
      ? proposeFormOf(step, proposeFormPath(detail.id, step.key), anchor, language)
      : null,
    decidedIn: decidedInLink(detail.engagementId, step),
    featureLink: featureLinkOf(detail, step.key),
    evidenceFilesHref: stepEvidencePath(detail.id, step.key),
    evidence: step.evidence,
    quickComplete: can.complete && step.evidence !== 'required',
    completion: step.completion && {
      note: step.completion.note,
      by: step.completion.completedByName,
      at: step.completion.completedAt,
      files: step.completion.files.map((f) => ({
        fileName: f.fileName,
        size: formatBytes(f.sizeBytes),
        sha256: f.sha256,
        shortHash: shortHash(f.sha256),
        href: detail.mayDownloadEvidence ? `/onboardings/${detail.id}/evidence/${f.id}` : null,
      })),
    },
    completionBlockers: step.completionBlockers,
  };
}

/** The documents page section where a step decided elsewhere is decided. */
function decidedInLink(engagementId: string, step: StepView): StepCard['decidedIn'] {
  const document = step.decidedIn ? STEP_DOCUMENT[step.key] : undefined;
  return document ? { href: documentsPath(engagementId, document), document } : null;
}

/** The data of the onboarding pages, always through the viewer's scope. */
@Injectable()
export class OnboardingPageService {
  constructor(
    private readonly onboardings: OnboardingService,
    private readonly views: OnboardingViewService,
    private readonly engagements: EngagementService,
    private readonly templates: TemplateRegistry,
    private readonly clock: Clock,
    private readonly evidence: TaskEvidenceService,
    private readonly conversationLinks: ConversationLinks,
  ) {}

  mayCreate(viewer: PortalViewer): boolean {
    return can(viewer.scope, 'onboarding.create');
  }

  summaries(
    viewer: PortalViewer,
    limit = ALL_LIMIT,
  ): Promise<{ items: OnboardingSummary[]; total: number }> {
    return this.onboardings.list(viewer.scope, {}, { limit, offset: 0 });
  }

  async list(viewer: PortalViewer, language: Language): Promise<OnboardingListPage> {
    const page = await this.summaries(viewer, LIST_LIMIT);
    return {
      items: page.items.map((o) => ({
        id: o.id,
        href: `/onboardings/${o.id}`,
        customerName: o.customerName,
        sequence: o.sequence,
        kind: o.kind,
        templateName: this.templateName(o.templateKey, o.templateVersion, language),
        status: o.status,
        currentPhase: o.currentPhase,
        requiredDone: o.requiredDone,
        requiredSteps: o.requiredSteps,
        overdueSteps: o.overdueSteps,
        plannedStartDate: o.plannedStartDate,
      })),
      total: page.total,
      truncated: page.total > page.items.length,
      create: this.mayCreate(viewer) ? await this.createForm(viewer, language) : null,
    };
  }

  async detail(viewer: PortalViewer, id: string, language: Language): Promise<OnboardingPage> {
    // The engagement the detail was read through: its permissions need no second query.
    const { detail, engagement, stepIds, historyTotal } = await this.views.detailWithEngagement(
      viewer.scope,
      id,
      language,
      { historyLimit: LATEST_HISTORY },
    );
    const titles = new Map(detail.steps.map((s) => [s.key, s.title]));
    const titleOf = (key: string | null): string | null =>
      key === null ? null : (titles.get(key) ?? key);
    const words = gateWords(language, detail, viewer.scope.timeZone);
    const conversations = await this.conversationLinks.ofKnownSteps(
      viewer.scope,
      engagement,
      stepIds,
    );
    return {
      id: detail.id,
      customerName: detail.customerName,
      sequence: detail.sequence,
      kind: detail.kind,
      providerName: detail.providerName,
      templateName: detail.templateName,
      plannedStartDate: detail.plannedStartDate,
      status: detail.status,
      currentPhase: detail.currentPhase,
      serviceStartedAt: detail.serviceStartedAt,
      incidentsHref: detail.status === 'active' ? incidentsPath(detail.engagementId) : null,
      checkpointsHref:
        detail.status === 'active' ? `/engagements/${detail.engagementId}/checkpoints` : null,
      readinessHref: can(viewer.scope, 'readiness.read', engagement)
        ? `/onboardings/${detail.id}/readiness`
        : null,
      gate: {
        ...words,
        blockers: detail.gate.blockers.map((blocker) => {
          const step = detail.steps.find((s) => s.key === blocker.stepKey);
          return {
            title: blocker.title,
            anchor: stepAnchor(blocker.stepKey),
            state: blocker.state,
            who: whoText(language, detail, blocker.waitingOn.party, blocker.waitingOn.role),
            names: joinList(
              language,
              blocker.waitingOn.users.map((u) => u.displayName),
            ),
            dueAt: blocker.dueAt,
            overdue: blocker.overdue,
            // An open check's blockers carry why it fails (one per reason, in the viewer's
            // language, from the feature behind it); other reasons are said from the step.
            // A failing check's reasons are already in the viewer's language (the feature behind
            // the check words them); other reasons are said from the step.
            reason:
              blocker.failedCheck || !step ? blocker.reason : waitReason(language, detail, step),
          };
        }),
      },
      canStart:
        detail.status === 'in_progress' &&
        detail.gate.ready &&
        can(viewer.scope, 'onboarding.start_service', engagement),
      phases: PHASES.map((phase) => {
        const status = detail.phases.find((p) => p.phase === phase);
        return {
          phase,
          title: status?.title ?? phase,
          current: detail.status === 'in_progress' && detail.currentPhase === phase,
          exitCriteriaMet: status?.exitCriteriaMet ?? true,
          reopened:
            !(status?.exitCriteriaMet ?? true) &&
            PHASES.indexOf(phase) < PHASES.indexOf(detail.currentPhase),
          required: status?.required ?? 0,
          settled: status?.settled ?? 0,
          total: status?.total ?? 0,
          steps: detail.steps
            .filter((s) => s.phase === phase)
            .map((s) => ({
              ...stepCard(language, detail, s),
              conversation: conversations.get(s.key) ?? null,
            })),
        };
      }).filter((group) => group.total > 0),
      history: historyRows(language, detail.history, titleOf),
      historyTotal,
      historyMore: historyTotal > detail.history.length,
      historyHref: onboardingHistoryPath(detail.id),
      reasonLimits: { min: MIN_REASON_LENGTH, max: MAX_REASON_LENGTH },
      evidenceLimits: this.evidenceLimits(),
      noteMax: MAX_NOTE_LENGTH,
    };
  }

  /** One page of the onboarding's whole history (1-based), through the viewer's scope. */
  async history(
    viewer: PortalViewer,
    id: string,
    language: Language,
    page: number,
  ): Promise<OnboardingHistoryView> {
    const read = await this.views.history(viewer.scope, id, language, {
      limit: HISTORY_PAGE_SIZE,
      offset: (page - 1) * HISTORY_PAGE_SIZE,
    });
    const titles = new Map(read.events.map((e) => [e.stepKey, e.stepTitle]));
    const from = (page - 1) * HISTORY_PAGE_SIZE;
    return {
      id: read.id,
      customerName: read.customerName,
      sequence: read.sequence,
      kind: read.kind,
      onboardingHref: `/onboardings/${read.id}`,
      events: historyRows(language, read.events, (key) => (key ? (titles.get(key) ?? key) : null)),
      total: read.total,
      page,
      from: read.events.length > 0 ? from + 1 : 0,
      to: from + read.events.length,
      previousHref: page > 1 ? onboardingHistoryPath(read.id, page - 1) : null,
      nextHref:
        from + read.events.length < read.total ? onboardingHistoryPath(read.id, page + 1) : null,
    };
  }

  evidenceLimits(): EvidenceLimitsView {
    const { maxFiles, maxFileBytes, types } = this.evidence.limits;
    const extensions = acceptedExtensions(types);
    return {
      maxFiles,
      maxSize: formatBytes(maxFileBytes),
      accept: extensions.join(','),
      kinds: extensions.join(', '),
    };
  }

  /** One step of an onboarding as the viewer sees it now (null: no such step). */
  async step(
    viewer: PortalViewer,
    id: string,
    key: string,
    language: Language,
  ): Promise<StepView | null> {
    const detail = await this.views.detail(viewer.scope, id, language, { historyLimit: 0 });
    return detail.steps.find((s) => s.key === key) ?? null;
  }

  templateName(key: string, version: number, language: Language): string {
    // Not a form: a template this build no longer registers is named by its key.
    try {
      return localise(this.templates.get(key, version).name, language);
    } catch {
      return key;
    }
  }

  private async createForm(
    viewer: PortalViewer,
    language: Language,
  ): Promise<NonNullable<OnboardingListPage['create']>> {
    const [engagements, onboardings] = await Promise.all([
      this.engagements.list(viewer.scope, { limit: ALL_LIMIT, offset: 0 }),
      this.summaries(viewer),
    ]);
    const running = new Set(
      onboardings.items.filter((o) => o.status === 'in_progress').map((o) => o.engagementId),
    );
    const started = new Set(
      onboardings.items.filter((o) => o.status === 'active').map((o) => o.engagementId),
    );
    const scope = viewer.scope;
    const mine = engagements.items
      .filter((e) => !running.has(e.id))
      // The provider lead starts onboardings of its own provider's engagements.
      .filter((e) => can(scope, 'onboarding.create', e))
      .map((e) => ({ id: e.id, name: e.name, customerName: e.customerName }));
    return {
      // An engagement whose service started is onboarded again only as an explicit re-onboarding.
      started: mine.filter((e) => started.has(e.id)),
      engagements: engagements.items
        .filter((e) => !running.has(e.id) && !started.has(e.id))
        // The provider lead starts onboardings of its own provider's engagements.
        .filter((e) => can(scope, 'onboarding.create', e))
        .map((e) => ({ id: e.id, name: e.name, customerName: e.customerName })),
      templates: ONBOARDING_TEMPLATE_KEYS.map((key) => ({
        key,
        name: localise(this.templates.latest(key).name, language),
      })),
      today: this.clock.now().toISOString().slice(0, 10),
    };
  }
}
