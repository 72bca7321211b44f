import { Injectable } from '@nestjs/common';
import { AccessScope, can } from '@app/identity';
import { ForbiddenException, NotFoundException, TransactionRunner } from '@app/platform';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import { StepSubmission, SubmissionKind } from '../entities/step-submission.entity';
import { StepEvidenceRegistry } from '../evidence/step-evidence.registry';
import { StepState } from '../gate/step-state';
import { awaitedProposer } from '../notifications/awaited-proposer';
import { WorkflowNotifier } from '../notifications/workflow-notifier';
import { PlanSnapshots, ProposalInput } from '../proposals/plan-snapshots.service';
import type { StepType } from '../templates/template.types';
import type { CompletionInput } from '../task-evidence/completion-input';
import { TaskEvidenceService } from '../task-evidence/task-evidence.service';
import { approvalSubject, latestVersion } from './approval-content';
import { OnboardingAccess } from './onboarding-access';
import { actsAs, assertActor } from './step-permissions';
import { StepTransitions, TransitionContext } from './step-transitions';
import { TemplateRegistry } from './template-registry';
import { WorkflowError } from '../workflow-errors';

export interface StepActionResult {
  stepKey: string;
  state: StepState;
  version: number;
  contentHash: string | null;
}

export interface ProposalResult extends StepActionResult {
  submissionVersion: number;
  proposal: { version: number; kind: SubmissionKind; hash: string; note: string | null };
}

type Work = (ctx: TransitionContext, step: OnboardingStep) => Promise<void>;

const COMPLETABLE: StepType[] = ['task', 'automatic_check', 'signature', 'email_confirmation'];
const ACTIONABLE: StepState[] = ['open', 'stale'];

/** Complete, approve, reject, waive, reopen and propose: who may, when, and what it changes. */
@Injectable()
export class StepActionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: OnboardingAccess,
    private readonly transitions: StepTransitions,
    private readonly templates: TemplateRegistry,
    private readonly notifier: WorkflowNotifier,
    private readonly evidence: StepEvidenceRegistry,
    private readonly taskEvidence: TaskEvidenceService,
    private readonly snapshots: PlanSnapshots,
  ) {}

  /**
   * Completes a task (or a check, signature or confirmation not handled by its feature) with an
   * optional note and the evidence files the template asks for; a measured precondition that
   * does not hold answers 409 with its reasons, and nothing is written.
   */
  complete(
    scope: AccessScope,
    id: string,
    key: string,
    input: CompletionInput = {},
  ): Promise<StepActionResult> {
    return this.act(scope, id, key, async (ctx, step) => {
      if (!COMPLETABLE.includes(step.type)) {
        throw new WorkflowError(
          'STEP_ACTION_NOT_APPLICABLE',
          `Step ${key} is an ${step.type}: approve or reject it instead`,
        );
      }
      const where = this.evidence.decidedIn(step.key);
      if (where)
        throw new WorkflowError(
          'STEP_DECIDED_ELSEWHERE',
          `Step ${key} is completed through ${where}, not directly`,
        );
      if (step.type === 'automatic_check') await this.refuseCheckCompletion(ctx, step, scope);
      assertActor(scope, ctx.engagement, step);
      assertVersion(step, input.expectedVersion);
      this.assertState(step, ['open']);
      const evidence = this.taskEvidence.accept(ctx, step, input);
      const condition = this.evidence.completionConditionFor(step.key);
      const refusal = condition
        ? await condition(ctx.manager, ctx.onboarding, scope.language)
        : null;
      if (refusal) {
        throw new WorkflowError(
          'STEP_NOT_READY',
          `Step ${key} cannot be completed yet: ${refusal.reasons.join('; ')}`,
          { reasons: refusal.reasons, ...refusal.details },
        );
      }
      await this.transitions.apply(ctx, step, {
        to: 'done',
        action: 'completed',
        expectedVersion: input.expectedVersion,
      });
      await this.taskEvidence.record(ctx, step, evidence);
    });
  }

  approve(
    scope: AccessScope,
    id: string,
    key: string,
    expectedVersion?: number,
  ): Promise<StepActionResult> {
    return this.act(scope, id, key, async (ctx, step) => {
      this.assertApproval(step);
      assertActor(scope, ctx.engagement, step);
      assertVersion(step, expectedVersion);
      this.assertState(step, ACTIONABLE);
      const definition = this.definition(ctx, step);
      const subject = await approvalSubject(ctx.manager, step, definition);
      if (!subject) {
        const proposer = definition.proposer;
        throw new WorkflowError(
          'NOTHING_PROPOSED',
          `Nothing has been proposed for ${key} yet; waiting on the ${proposer?.party}'s ${proposer?.role}`,
        );
      }
      await this.snapshots.assertCurrent(ctx, step, definition, subject.submission);
      await this.transitions.apply(ctx, step, {
        to: 'done',
        action: 'approved',
        contentHash: subject.hash,
        expectedVersion,
      });
    });
  }

  reject(
    scope: AccessScope,
    id: string,
    key: string,
    reason: string,
    expectedVersion?: number,
  ): Promise<StepActionResult> {
    return this.act(scope, id, key, async (ctx, step) => {
      this.assertApproval(step);
      assertActor(scope, ctx.engagement, step);
      assertVersion(step, expectedVersion);
      this.assertState(step, ACTIONABLE);
      await this.transitions.apply(ctx, step, {
        to: 'rejected',
        action: 'rejected',
        reason,
        contentHash: null,
        expectedVersion,
      });
    });
  }

  waive(scope: AccessScope, id: string, key: string, reason: string): Promise<StepActionResult> {
    return this.act(scope, id, key, async (ctx, step) => {
      if (!can(scope, 'step.waive', ctx.engagement)) {
        throw new ForbiddenException(
          'Only the provider lead or an assigned account manager waives a step',
        );
      }
      if (!step.waivable)
        throw new ForbiddenException(`Step ${key} cannot be waived: the template requires it`);
      this.assertState(step, ['blocked', 'open', 'rejected', 'stale']);
      await this.transitions.apply(ctx, step, { to: 'waived', action: 'waived', reason });
    });
  }

  reopen(
    scope: AccessScope,
    id: string,
    key: string,
    reason: string | null,
  ): Promise<StepActionResult> {
    return this.act(scope, id, key, async (ctx, step) => {
      const definition = this.definition(ctx, step);
      const proposer =
        definition.proposer &&
        actsAs(scope, ctx.engagement, definition.proposer.party, definition.proposer.role);
      if (
        !actsAs(scope, ctx.engagement, step.party, step.role) &&
        !proposer &&
        !can(scope, 'step.reopen', ctx.engagement)
      ) {
        throw new ForbiddenException(
          `Step ${key} is reopened by its acting party, its proposer or the provider lead`,
        );
      }
      this.assertState(step, ['done', 'rejected', 'waived', 'stale']);
      await this.transitions.apply(ctx, step, {
        to: 'open',
        action: 'reopened',
        reason,
        contentHash: null,
      });
    });
  }

  /**
   * A new version of what an approval step approves; older approvals become stale. For a
   * configuration step the server takes the snapshot (`content` is refused); other steps'
   * written content is read against the step's documented schema.
   */
  propose(
    scope: AccessScope,
    id: string,
    key: string,
    input: ProposalInput,
  ): Promise<ProposalResult> {
    let proposal: ProposalResult['proposal'] | null = null;
    return this.act(scope, id, key, async (ctx, step) => {
      this.assertApproval(step);
      const proposer = this.definition(ctx, step).proposer;
      if (!proposer)
        throw new WorkflowError(
          'STEP_ACTION_NOT_APPLICABLE',
          `Step ${key} approves a fixed text; there is nothing to propose`,
        );
      if (!actsAs(scope, ctx.engagement, proposer.party, proposer.role)) {
        throw new ForbiddenException(
          `Proposals for ${key} come from the ${proposer.party}'s ${proposer.role}`,
        );
      }
      const read = this.snapshots.readInput(key, input);
      if (step.state === 'blocked')
        throw new WorkflowError('STEP_WRONG_STATE', `Step ${key} is blocked by its dependencies`, {
          state: step.state,
        });
      const prepared = await this.snapshots.prepare(ctx, step, read, scope.language);
      // A stale approval waiting on this proposal: its approvers are asked once it is made.
      const awaited = await awaitedProposer(ctx.manager, step, proposer);
      const hash = prepared.hash;
      const submissionVersion = (await latestVersion(ctx.manager, step.onboardingId, key)) + 1;
      await ctx.manager.getRepository(StepSubmission).save(
        ctx.manager.getRepository(StepSubmission).create({
          onboardingId: step.onboardingId,
          stepKey: key,
          version: submissionVersion,
          kind: prepared.kind,
          content: prepared.content,
          contentHash: hash,
          note: prepared.note,
          submittedBy: scope.userId,
          submittedAt: prepared.takenAt,
        }),
      );
      proposal = { version: submissionVersion, kind: prepared.kind, hash, note: prepared.note };
      await this.transitions.recordOnboardingEvent(ctx, 'proposal_submitted', {
        stepKey: key,
        version: submissionVersion,
        kind: prepared.kind,
        contentHash: hash,
      });
      if (step.state === 'done' && step.contentHash !== hash) {
        const approver = step.actedBy;
        await this.transitions.apply(ctx, step, {
          to: 'stale',
          action: 'stale',
          reason: `proposal v${submissionVersion} replaced the approved content`,
          contentHash: null,
        });
        await this.notifier.approvalStale(ctx.manager, ctx.onboarding, step, approver);
      } else if (step.state === 'rejected') {
        await this.transitions.apply(ctx, step, {
          to: 'open',
          action: 'revised',
          reason: `proposal v${submissionVersion}`,
        });
      } else if (awaited) {
        await this.notifier.reproposed(ctx.manager, ctx.onboarding, step, submissionVersion);
      }
      // A proposal moves who is waited on (proposer → approver) without a transition of its own.
      await this.transitions.keepProgress(ctx);
    }).then((result) => {
      if (!proposal) throw new Error(`Proposal of ${key} was not recorded`);
      return { ...result, submissionVersion: proposal.version, proposal };
    });
  }

  private async act(
    scope: AccessScope,
    id: string,
    key: string,
    work: Work,
  ): Promise<StepActionResult> {
    return this.tx.run(async (manager) => {
      const { onboarding, engagement } = await this.access.load(scope, manager, id, { lock: true });
      const steps = await this.access.steps(manager, onboarding.id);
      const step = steps.find((s) => s.key === key);
      if (!step) throw new NotFoundException(`Step ${key}`);
      await work({ manager, actor: scope.actor, onboarding, engagement, steps }, step);
      return {
        stepKey: step.key,
        state: step.state,
        version: step.version,
        contentHash: step.contentHash,
      };
    });
  }

  /**
   * Nobody completes an automatic check: it is done exactly while its inputs pass, decided in the
   * transaction that changes them. The refusal says what fails now (in the caller's language).
   */
  private async refuseCheckCompletion(
    ctx: TransitionContext,
    step: OnboardingStep,
    scope: AccessScope,
  ): Promise<never> {
    const check = this.evidence.checkFor(step.key);
    const failures =
      check && step.state === 'open'
        ? await check(ctx.manager, ctx.onboarding, scope.language)
        : [];
    const now =
      failures.length > 0
        ? `; it fails now: ${failures.join('; ')}`
        : step.state === 'done'
          ? '; it passes and is done'
          : `; it is ${step.state}`;
    throw new WorkflowError(
      'STEP_IS_AUTOMATIC',
      `Step ${step.key} is an automatic check: it completes itself when what it checks passes${now}`,
      {
        automatic: true,
        reasons: failures,
      },
    );
  }

  private definition(ctx: TransitionContext, step: OnboardingStep) {
    const definition = this.templates.step(
      ctx.onboarding.templateKey,
      ctx.onboarding.templateVersion,
      step.key,
    );
    if (!definition) throw new Error(`Template lost step ${step.key}`);
    return definition;
  }

  private assertApproval(step: OnboardingStep): void {
    if (step.type !== 'approval') {
      throw new WorkflowError(
        'STEP_ACTION_NOT_APPLICABLE',
        `Step ${step.key} is a ${step.type.replace('_', ' ')}, not an approval`,
      );
    }
    const where = this.evidence.decidedIn(step.key);
    if (where) {
      throw new WorkflowError(
        'STEP_DECIDED_ELSEWHERE',
        `Step ${step.key} is decided in ${where}: propose, approve or reject it there`,
      );
    }
  }

  private assertState(step: OnboardingStep, allowed: StepState[]): void {
    if (!allowed.includes(step.state)) {
      throw new WorkflowError(
        'STEP_WRONG_STATE',
        `Step ${step.key} is ${step.state}; this needs it to be ${allowed.join(' or ')}`,
        { state: step.state, allowed },
      );
    }
  }
}

/** Whoever acted on an older version of the step learns that first, whatever else would refuse now. */
function assertVersion(step: OnboardingStep, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== step.version) {
    throw new WorkflowError(
      'STEP_CHANGED',
      `Step ${step.key} changed since you loaded it; reload and try again`,
    );
  }
}
