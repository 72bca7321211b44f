import { Injectable } from '@nestjs/common';
import { AccessScope, can, Language, Organisation, User } from '@app/identity';
import { Clock, TransactionRunner } from '@app/platform';
import { In } from 'typeorm';
import type { OnboardingKind } from '../entities/onboarding.entity';
import { OnboardingEvent } from '../entities/onboarding-event.entity';
import { StepSubmission, SubmissionKind } from '../entities/step-submission.entity';
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
  StepType,
} from '../templates/template.types';
import { CompletionView, TaskEvidenceService } from '../task-evidence/task-evidence.service';
import { StepEvidenceRegistry } from '../evidence/step-evidence.registry';
import { AssigneeResolver } from './assignees';
import { GateService } from './gate.service';
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

/** A completion recorded since the step last opened (an earlier one belongs to a former round). */
function currentCompletion(
  completion: CompletionView | undefined,
  openedAt: Date | null,
): CompletionView | null {
  if (!completion) return null;
  return openedAt && completion.completedAt.getTime() < openedAt.getTime() ? null : completion;
}

/** Everything the onboarding page and GET /api/onboardings/:id show, in the caller's language. */
@Injectable()
export class OnboardingViewService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: OnboardingAccess,
    private readonly templates: TemplateRegistry,
    private readonly assignees: AssigneeResolver,
    private readonly gates: GateService,
    private readonly evidence: StepEvidenceRegistry,
    private readonly subjects: ProposalSubjectRegistry,
    private readonly clock: Clock,
    private readonly taskEvidence: TaskEvidenceService,
  ) {}

  async detail(
    scope: AccessScope,
    id: string,
    language: Language = scope.language,
  ): Promise<OnboardingDetail> {
    const manager = this.tx.manager;
    const { onboarding, engagement } = await this.access.load(scope, manager, id);
    const steps = await this.access.steps(manager, onboarding.id);
    const template = this.templates.get(onboarding.templateKey, onboarding.templateVersion);
    const users = await this.assignees.forSteps(manager, engagement, steps);
    const orgs = await manager
      .getRepository(Organisation)
      .findBy({ id: In([engagement.customerOrganisationId, engagement.providerOrganisationId]) });
    // The newest version of each step's proposals only (older versions can be large snapshots).
    const proposals = await manager
      .getRepository(StepSubmission)
      .createQueryBuilder('s')
      .distinctOn(['s.step_key'])
      .where('s.onboarding_id = :id', { id: onboarding.id })
      .orderBy('s.step_key')
      .addOrderBy('s.version', 'DESC')
      .getMany();
    const events = await manager
      .getRepository(OnboardingEvent)
      .find({ where: { onboardingId: onboarding.id }, order: { id: 'DESC' }, take: 500 });
    const actorIds = [...new Set(events.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])))];
    const actors = actorIds.length
      ? await manager.getRepository(User).findBy({ id: In(actorIds) })
      : [];
    const now = this.clock.nowMs();
    const waives = can(scope, 'step.waive', engagement);
    const reopens = can(scope, 'step.reopen', engagement);
    const completions = await this.taskEvidence.completions(manager, onboarding.id);
    const blockers = new Map<string, string[]>();
    for (const step of steps.filter((s) => s.state === 'open')) {
      const condition = this.evidence.completionConditionFor(step.key);
      const refusal = condition ? await condition(manager, onboarding, language) : null;
      if (refusal) blockers.set(step.key, refusal.reasons);
    }
    const stepViews: StepView[] = steps.map((step) => {
      const definition = template.steps.find((d) => d.key === step.key);
      const proposal = proposals.find((p) => p.stepKey === step.key) ?? null;
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
          content: proposal.kind === 'content' ? proposal.content : null,
          note: proposal.note,
          submittedAt: proposal.submittedAt,
          outdated: proposal.outdatedAt ? proposal.outdatedChanges : null,
          links: proposalLinks(onboarding.id, step.key, proposal.version),
        },
        actions,
        evidence: definition?.evidence ?? null,
        completion:
          step.state === 'done'
            ? currentCompletion(completions.get(step.key), step.openedAt)
            : null,
        completionBlockers: blockers.get(step.key) ?? [],
      };
    });
    return {
      id: onboarding.id,
      engagementId: engagement.id,
      customerName: orgs.find((o) => o.id === engagement.customerOrganisationId)?.name ?? '',
      providerName: orgs.find((o) => o.id === engagement.providerOrganisationId)?.name ?? '',
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
      gate: await this.gates.evaluate(manager, onboarding, engagement, steps, language),
      history: events.map((e) => ({
        ...e,
        actorName: actors.find((a) => a.id === e.actorUserId)?.displayName ?? null,
      })),
      mayDownloadEvidence: this.taskEvidence.mayDownload(scope, engagement),
    };
  }
}
