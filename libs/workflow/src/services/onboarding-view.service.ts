import { Injectable } from '@nestjs/common';
import { AccessScope, can, Engagement, Language } from '@app/identity';
import { Clock, TransactionRunner } from '@app/platform';
import type { OnboardingKind } from '../entities/onboarding.entity';
import type { OnboardingEvent } from '../entities/onboarding-event.entity';
import type { SubmissionKind } from '../entities/step-submission.entity';
import { proposalLinks } from '../proposals/proposal-documents.service';
import { ProposalSubjectRegistry } from '../proposals/proposal-subjects.registry';
import { GateUser, GateVerdict } from '../gate/evaluate-gate';
import { StepState } from '../gate/step-state';
import { phaseStatuses, PhaseStatus } from '../phases/derive-phase';
import { localise } from '../templates/localise';
import type {
  EvidenceRequirement,
  LocalisedText,
  Party,
  Phase,
  StepDefinition,
  StepType,
  TemplateDefinition,
} from '../templates/template.types';
import { CompletionView, TaskEvidenceService } from '../task-evidence/task-evidence.service';
import { StepEvidenceRegistry } from '../evidence/step-evidence.registry';
import { assigneesOf } from './assignees';
import { GateService } from './gate.service';
import { proposalStatusOf } from '../proposals/newest-proposal-status';
import { HistoryEventRow, readOnboardingHistory, readOnboardingView } from './onboarding-view-rows';
import { OnboardingAccess } from './onboarding-access';
import { actsAs } from './step-permissions';
import { TemplateRegistry } from './template-registry';

export interface StepView {
  key: string;
  title: string;
  description: string;
  type: StepType;
  phase: Phase;
  area: string;
  party: Party;
  role: string;
  /** Who proposes the content an approval step approves (null: it approves a fixed text). */
  proposer: { party: Party; role: string } | null;
  /** Where the step is decided when another feature owns it (e.g. "the service agreement"). */
  decidedIn: string | null;
  /**
   * What a proposal of this step is: `snapshot` (the server takes the engagement's configuration;
   * send no content) or `content` (written, per the step's schema); null when nothing is proposed here.
   */
  proposes: 'snapshot' | 'content' | null;
  assignees: GateUser[];
  state: StepState;
  dependsOn: string[];
  requiredForStart: boolean;
  waivable: boolean;
  dueAt: Date;
  overdue: boolean;
  reason: string | null;
  actedBy: string | null;
  actedAt: Date | null;
  contentHash: string | null;
  version: number;
  /**
   * The newest proposal. `content` is the written content of a free-form step; a configuration
   * snapshot is read through its document (`links`), not as JSON. `outdated`: what changed in the
   * configuration after it was taken, in each language (it can no longer be approved).
   */
  proposal: {
    version: number;
    kind: SubmissionKind;
    contentHash: string;
    content: Record<string, unknown> | null;
    note: string | null;
    submittedAt: Date;
    outdated: LocalisedText | null;
    links: { html: string; pdf: string; comparison: string };
  } | null;
  /** What the caller may do on this step right now (for the portal's buttons). */
  actions: string[];
  /** Tasks: whether completing takes evidence files (null: none). */
  evidence: EvidenceRequirement | null;
  /** A done step's note and evidence files, as recorded when it was completed. */
  completion: CompletionView | null;
  /** An open task's measured precondition that does not hold yet: why (empty: it may be completed). */
  completionBlockers: string[];
}

export interface OnboardingDetail {
  id: string;
  engagementId: string;
  customerName: string;
  providerName: string;
  templateKey: string;
  templateVersion: number;
  /** The engagement's nth onboarding; kind 'reonboarding' for one made after the service started. */
  sequence: number;
  kind: OnboardingKind;
  templateName: string;
  plannedStartDate: string;
  status: string;
  currentPhase: Phase;
  serviceStartedAt: Date | null;
  serviceStartedBy: string | null;
  version: number;
  phases: (PhaseStatus & { title: string })[];
  steps: StepView[];
  gate: GateVerdict;
  history: (OnboardingEvent & { actorName: string | null })[];
  /** Whether the caller may download evidence files (a person of the engagement's customer or provider). */
  mayDownloadEvidence: boolean;
}

/** A page of an onboarding's history, each event with its step's title (null: not a step's). */
export interface OnboardingHistoryPage {
  id: string;
  sequence: number;
  kind: OnboardingKind;
  customerName: string;
  total: number;
  events: (HistoryEventRow & { stepTitle: string | null })[];
}

/** A completion recorded since the step last opened (an earlier one belongs to a former round). */
function currentCompletion(
  completion: CompletionView | undefined,
  openedAt: Date | null,
): CompletionView | null {
  if (!completion) return null;
  return openedAt && completion.completedAt.getTime() < openedAt.getTime() ? null : completion;
}

/**
 * A template version's steps by key. A version never changes once recorded (its checksum is
 * checked at boot), so the index lives as long as the definition object; a new version is
 * another object with its own index.
 */
const stepIndexes = new WeakMap<TemplateDefinition, Map<string, StepDefinition>>();

function stepIndex(template: TemplateDefinition): Map<string, StepDefinition> {
  let index = stepIndexes.get(template);
  if (!index) {
    index = new Map(template.steps.map((d) => [d.key, d]));
    stepIndexes.set(template, index);
  }
  return index;
}

/** Everything the onboarding page and GET /api/onboardings/:id show, in the caller's language. */
@Injectable()
export class OnboardingViewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: OnboardingAccess,
    private readonly templates: TemplateRegistry,
    private readonly gates: GateService,
    private readonly evidence: StepEvidenceRegistry,
    private readonly subjects: ProposalSubjectRegistry,
    private readonly clock: Clock,
    private readonly taskEvidence: TaskEvidenceService,
  ) {}

  /** `historyLimit`: how many of the newest events to read (0 for a caller that shows none). */
  async detail(
    scope: AccessScope,
    id: string,
    language: Language = scope.language,
    options: { historyLimit?: number } = {},
  ): Promise<OnboardingDetail> {
    return (await this.detailWithEngagement(scope, id, language, options)).detail;
  }

  /**
   * The detail, the engagement it was read through (the page's permissions need it) and the
   * steps' ids by key (their conversations are addressed by id).
   */
  async detailWithEngagement(
    scope: AccessScope,
    id: string,
    language: Language = scope.language,
    options: { historyLimit?: number } = {},
  ): Promise<{
    detail: OnboardingDetail;
    engagement: Engagement;
    stepIds: Map<string, string>;
    /** How many history events there are in all (`detail.history` holds the newest). */
    historyTotal: number;
  }> {
    const manager = this.tx.manager;
    // The scoped onboarding, its steps, the members who act on them, names, newest proposals,
    // history and completions: one statement (onboarding-view-rows.ts).
    const rows = await readOnboardingView(
      manager,
      scope,
      id,
      this.proposerRoles(),
      options.historyLimit,
    );
    const { onboarding, engagement } = rows;
    const template = this.templates.get(onboarding.templateKey, onboarding.templateVersion);
    const definitions = stepIndex(template);
    const proposers = template.steps.flatMap((s) => (s.proposer ? [s.proposer] : []));
    const steps = rows.steps;
    // The proposers' roles too: an approval awaiting a proposal waits on its proposer (waitedOn).
    const users = assigneesOf(engagement, [...steps, ...proposers], rows.members);
    const now = this.clock.nowMs();
    const waives = can(scope, 'step.waive', engagement);
    const reopens = can(scope, 'step.reopen', engagement);
    const blockers = new Map<string, string[]>();
    for (const step of steps.filter((s) => s.state === 'open')) {
      const condition = this.evidence.completionConditionFor(step.key);
      const refusal = condition ? await condition(manager, onboarding, language) : null;
      if (refusal) blockers.set(step.key, refusal.reasons);
    }
    const stepViews: StepView[] = steps.map((step) => {
      const definition = definitions.get(step.key);
      const proposal = rows.proposals.get(step.key) ?? null;
      const acting = actsAs(scope, engagement, step.party, step.role);
      const proposing =
        !!definition?.proposer &&
        actsAs(scope, engagement, definition.proposer.party, definition.proposer.role);
      const actions: string[] = [];
      const live = step.state === 'open' || step.state === 'stale';
      const decidedIn = this.evidence.decidedIn(step.key);
      if (acting && live && step.type === 'approval' && !decidedIn)
        actions.push('approve', 'reject');
      if (
        acting &&
        step.state === 'open' &&
        step.type !== 'approval' &&
        step.type !== 'automatic_check' &&
        !decidedIn
      )
        actions.push('complete');
      if (proposing && step.state !== 'blocked' && !decidedIn) actions.push('propose');
      if (waives && step.waivable && !['done', 'waived'].includes(step.state))
        actions.push('waive');
      if (
        (acting || proposing || reopens) &&
        ['done', 'rejected', 'waived', 'stale'].includes(step.state)
      )
        actions.push('reopen');
      return {
        key: step.key,
        title: definition ? localise(definition.title, language) : step.key,
        description: definition ? localise(definition.description, language) : '',
        type: step.type,
        phase: step.phase,
        area: step.area,
        party: step.party,
        role: step.role,
        proposer: definition?.proposer ?? null,
        decidedIn,
        proposes:
          !definition?.proposer || decidedIn
            ? null
            : this.subjects.snapshotFor(step.key)
              ? 'snapshot'
              : 'content',
        assignees: users.get(`${step.party}:${step.role}`) ?? [],
        state: step.state,
        dependsOn: step.dependsOn,
        requiredForStart: step.requiredForStart,
        waivable: step.waivable,
        dueAt: step.dueAt,
        overdue: ['open', 'stale', 'rejected'].includes(step.state) && step.dueAt.getTime() < now,
        reason: step.reason,
        actedBy: step.actedBy,
        actedAt: step.actedAt,
        contentHash: step.contentHash,
        version: step.version,
        proposal: proposal && {
          version: proposal.version,
          kind: proposal.kind,
          contentHash: proposal.contentHash,
          content: proposal.content,
          note: proposal.note,
          submittedAt: proposal.submittedAt,
          outdated: proposal.outdatedChanges,
          links: proposalLinks(onboarding.id, step.key, proposal.version),
        },
        actions,
        evidence: definition?.evidence ?? null,
        completion:
          step.state === 'done'
            ? currentCompletion(rows.completions.get(step.key), step.openedAt)
            : null,
        completionBlockers: blockers.get(step.key) ?? [],
      };
    });
    const detail: OnboardingDetail = {
      id: onboarding.id,
      engagementId: engagement.id,
      customerName: rows.organisationNames.get(engagement.customerOrganisationId) ?? '',
      providerName: rows.organisationNames.get(engagement.providerOrganisationId) ?? '',
      templateKey: onboarding.templateKey,
      templateVersion: onboarding.templateVersion,
      sequence: onboarding.sequence,
      kind: onboarding.kind,
      templateName: localise(template.name, language),
      plannedStartDate: onboarding.plannedStartDate,
      status: onboarding.status,
      currentPhase: onboarding.currentPhase,
      serviceStartedAt: onboarding.serviceStartedAt,
      serviceStartedBy: onboarding.serviceStartedBy,
      version: onboarding.version,
      phases: phaseStatuses(steps).map((status) => ({
        ...status,
        title: localise(
          template.phases.find((p) => p.key === status.phase)?.title ?? {
            ja: status.phase,
            en: status.phase,
            zh: status.phase,
          },
          language,
        ),
      })),
      steps: stepViews,
      // The assignees of every step are read above: the gate takes them instead of reading again.
      gate: await this.gates.evaluate(manager, onboarding, engagement, steps, language, {
        users,
        proposals: new Map(steps.map((s) => [s.key, proposalStatusOf(rows.proposals.get(s.key))])),
      }),
      history: rows.history,
      mayDownloadEvidence: this.taskEvidence.mayDownload(scope, engagement),
    };
    return {
      detail,
      engagement,
      stepIds: new Map(steps.map((s) => [s.key, s.id])),
      historyTotal: rows.historyTotal,
    };
  }

  private proposerRolesOfAll: string[] | null = null;

  /**
   * Every registered template's proposers' roles (templates are code: fixed for the process),
   * read before the onboarding's template is known; the assignees are then picked per step.
   */
  private proposerRoles(): string[] {
    this.proposerRolesOfAll ??= [
      ...new Set(
        this.templates
          .all()
          .flatMap((t) => t.steps.flatMap((s) => (s.proposer ? [s.proposer.role] : []))),
      ),
    ];
    return this.proposerRolesOfAll;
  }

  /**
   * A page of the onboarding's history, newest first, through the caller's scope (another
   * tenant's onboarding is not found), each event's step titled in `language`.
   */
  async history(
    scope: AccessScope,
    id: string,
    language: Language,
    page: { limit: number; offset: number },
  ): Promise<OnboardingHistoryPage> {
    const manager = this.tx.manager;
    const { onboarding, engagement } = await this.access.load(scope, manager, id);
    const definitions = stepIndex(
      this.templates.get(onboarding.templateKey, onboarding.templateVersion),
    );
    const read = await readOnboardingHistory(
      manager,
      onboarding.id,
      engagement.customerOrganisationId,
      page,
    );
    return {
      id: onboarding.id,
      sequence: onboarding.sequence,
      kind: onboarding.kind,
      customerName: read.customerName,
      total: read.total,
      events: read.events.map((event) => {
        const definition = event.stepKey ? definitions.get(event.stepKey) : undefined;
        return {
          ...event,
          stepTitle: definition ? localise(definition.title, language) : event.stepKey,
        };
      }),
    };
  }
}
