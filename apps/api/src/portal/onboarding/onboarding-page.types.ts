import type { ConversationLink } from '@app/collaboration';
import type { GateWords } from './gate-words';
import type { ProposeForm } from '../proposals/proposal-form';
import type { FeatureLink } from './feature-links';

// What the onboarding list, onboarding and history pages show (OnboardingPageService builds them).

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
