import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { Actor, Engagement } from '@app/identity';
import { Clock } from '@app/platform';
import { EntityManager } from 'typeorm';
import { OnboardingEvent, OnboardingEventDetails } from '../entities/onboarding-event.entity';
import { StepEvidenceRegistry } from '../evidence/step-evidence.registry';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import { Onboarding } from '../entities/onboarding.entity';
import { recomputeWaitingStates } from '../gate/recompute-states';
import { StepState } from '../gate/step-state';
import { WorkflowNotifier } from '../notifications/workflow-notifier';
import { advancePhase } from '../phases/derive-phase';
import { ProgressKeeper } from '../progress/progress-keeper';
import { WorkflowError } from '../workflow-errors';

/** One onboarding loaded for a change, its row locked by the caller's transaction. */
export interface TransitionContext {
  manager: EntityManager;
  actor: Actor;
  onboarding: Onboarding;
  engagement: Engagement;
  steps: OnboardingStep[];
}

export interface StepChange {
  to: StepState;
  action: string;
  reason?: string | null;
  contentHash?: string | null;
  /** What the history shows in each language beside the English reason (what changed). */
  details?: OnboardingEventDetails | null;
  /** Reject the change if the step moved on since the caller looked (optimistic concurrency). */
  expectedVersion?: number;
}

/**
 * The single write path for step states: the change, the history, the audit record, the
 * waiting steps it unblocks, the derived phase and the notifications, in the caller's transaction.
 */
@Injectable()
export class StepTransitions {
  constructor(
    private readonly audit: AuditService,
    private readonly notifier: WorkflowNotifier,
    private readonly progress: ProgressKeeper,
    private readonly clock: Clock,
    private readonly registry: StepEvidenceRegistry,
  ) {}

  async apply(ctx: TransitionContext, step: OnboardingStep, change: StepChange): Promise<void> {
    const from = step.state;
    await this.write(ctx, step, change);
    await this.record(ctx, step, change.action, from, change);
    if (change.to === 'open' || change.to === 'stale')
      await this.notifier.stepOpened(ctx.manager, ctx.onboarding, step);
    if (change.action === 'approved') await this.notifier.announce(ctx, step, 'step_approved');
    await this.settleDependents(ctx);
    await this.touchOnboarding(ctx);
  }

  /** Keeps the onboarding's overview figures; for changes outside `apply` (creation, start). */
  keepProgress(ctx: TransitionContext): Promise<void> {
    return this.progress.keep(ctx.manager, ctx.onboarding, ctx.engagement, ctx.steps);
  }

  /** Records an onboarding-level event (creation, start, refused start) in history and audit. */
  async recordOnboardingEvent(
    ctx: TransitionContext,
    action: string,
    changes: Record<string, unknown>,
  ): Promise<void> {
    await ctx.manager.getRepository(OnboardingEvent).insert({
      onboardingId: ctx.onboarding.id,
      stepKey: null,
      action,
      actorUserId: ctx.actor.userId,
      reason: typeof changes.reason === 'string' ? changes.reason : null,
      at: this.clock.now(),
    });
    await this.audit.record(ctx.manager, ctx.actor, {
      action: `onboarding.${action}`,
      subjectType: 'onboarding',
      subjectId: ctx.onboarding.id,
      organisationId: ctx.engagement.customerOrganisationId,
      engagementId: ctx.engagement.id,
      changes,
    });
  }

  private async write(
    ctx: TransitionContext,
    step: OnboardingStep,
    change: StepChange,
  ): Promise<void> {
    if (change.expectedVersion !== undefined && change.expectedVersion !== step.version) {
      throw new WorkflowError(
        'STEP_CHANGED',
        `Step ${step.key} changed since you loaded it; reload and try again`,
      );
    }
    const now = this.clock.now();
    const acted = !['open', 'blocked'].includes(change.to);
    const values = {
      state: change.to,
      reason: change.reason ?? null,
      contentHash: change.contentHash !== undefined ? change.contentHash : step.contentHash,
      actedBy: acted ? ctx.actor.userId : step.actedBy,
      actedAt: acted ? now : step.actedAt,
      openedAt: change.to === 'open' || change.to === 'stale' ? now : step.openedAt,
    };
    const result = await ctx.manager
      .createQueryBuilder()
      .update(OnboardingStep)
      .set({ ...values, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: step.id, version: step.version })
      .execute();
    if ((result.affected ?? 0) !== 1) {
      throw new WorkflowError(
        'STEP_CHANGED',
        `Step ${step.key} was changed by someone else; reload and try again`,
      );
    }
    Object.assign(step, values, { version: step.version + 1 });
  }

  private async record(
    ctx: TransitionContext,
    step: OnboardingStep,
    action: string,
    from: StepState,
    change: StepChange,
  ): Promise<void> {
    await ctx.manager.getRepository(OnboardingEvent).insert({
      onboardingId: ctx.onboarding.id,
      stepKey: step.key,
      action,
      fromState: from,
      toState: step.state,
      actorUserId: ctx.actor.userId,
      at: this.clock.now(),
      reason: change.reason ?? null,
      contentHash: change.contentHash ?? null,
      details: change.details ?? null,
    });
    await this.audit.record(ctx.manager, ctx.actor, {
      action: `onboarding.step.${action}`,
      subjectType: 'onboarding_step',
      subjectId: step.id,
      organisationId: ctx.engagement.customerOrganisationId,
      engagementId: ctx.engagement.id,
      changes: {
        onboardingId: ctx.onboarding.id,
        stepKey: step.key,
        state: { from, to: step.state },
        ...(change.reason ? { reason: change.reason } : {}),
        ...(change.contentHash ? { contentHash: change.contentHash } : {}),
      },
    });
  }

  /** Steps whose dependencies just became settled open (and vice versa). */
  private async settleDependents(ctx: TransitionContext): Promise<void> {
    const changes = recomputeWaitingStates(ctx.steps);
    for (const [key, to] of changes) {
      const dependent = ctx.steps.find((s) => s.key === key) as OnboardingStep;
      const from = dependent.state;
      await this.write({ ...ctx, actor: { ...ctx.actor } }, dependent, {
        to,
        action: to === 'open' ? 'unblocked' : 'blocked',
      });
      await ctx.manager.getRepository(OnboardingEvent).insert({
        onboardingId: ctx.onboarding.id,
        stepKey: key,
        action: to === 'open' ? 'unblocked' : 'blocked',
        fromState: from,
        toState: to,
        actorUserId: ctx.actor.userId,
        at: this.clock.now(),
      });
      if (to === 'open') await this.notifier.stepOpened(ctx.manager, ctx.onboarding, dependent);
    }
    for (const [key, to] of changes) {
      const dependent = ctx.steps.find((s) => s.key === key) as OnboardingStep;
      if (to === 'open' && dependent.state === 'open') await this.evaluateCheck(ctx, dependent);
    }
  }

  /**
   * An automatic check decides itself, in the transaction that changed its inputs or opened it:
   * passing, it is done; failing, it stays (or goes back) open with the reasons. A check that
   * opens already passing never waits for anyone.
   */
  async evaluateCheck(ctx: TransitionContext, step: OnboardingStep): Promise<void> {
    if (step.type !== 'automatic_check') return;
    const check = this.registry.checkFor(step.key);
    if (!check) return;
    const failures = await check(ctx.manager, ctx.onboarding, 'en');
    const reason = failures.join('; ');
    if (failures.length === 0 && step.state === 'open') {
      await this.apply(ctx, step, { to: 'done', action: 'check_passed', reason: null });
    } else if (failures.length > 0 && step.state === 'done') {
      await this.apply(ctx, step, { to: 'open', action: 'check_failed', reason });
    } else if (failures.length > 0 && step.state === 'open' && step.reason !== reason) {
      // Still failing, for other reasons now: the step says why, without a new opening.
      await ctx.manager.getRepository(OnboardingStep).update(step.id, { reason });
      step.reason = reason;
    }
  }

  private async touchOnboarding(ctx: TransitionContext): Promise<void> {
    const phase = advancePhase(ctx.onboarding.currentPhase, ctx.steps);
    const result = await ctx.manager
      .createQueryBuilder()
      .update(Onboarding)
      .set({ currentPhase: phase, version: () => 'version + 1' })
      .where('id = :id AND version = :version', {
        id: ctx.onboarding.id,
        version: ctx.onboarding.version,
      })
      .execute();
    if ((result.affected ?? 0) !== 1) {
      throw new WorkflowError(
        'ONBOARDING_CHANGED',
        'The onboarding was changed by someone else; try again',
      );
    }
    ctx.onboarding.currentPhase = phase;
    ctx.onboarding.version += 1;
    await this.keepProgress(ctx);
  }
}
