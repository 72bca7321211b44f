import { Injectable } from '@nestjs/common';
import { Actor, Engagement } from '@app/identity';
import { EntityManager } from 'typeorm';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import { WorkflowNotifier } from '../notifications/workflow-notifier';
import { PlanSnapshots } from '../proposals/plan-snapshots.service';
import { loadNewestOnboarding } from '../services/newest-onboarding';
import { StepTransitions, TransitionContext } from '../services/step-transitions';
import { WorkflowError } from '../workflow-errors';

/**
 * What other features tell the workflow, inside their own transaction: a new version of what a
 * step approves was proposed, approved or rejected, or the inputs of automatic checks changed.
 * The engagement's newest onboarding follows (a re-onboarding, once made, and never the started
 * one before it); an engagement without one is left alone.
 */
@Injectable()
export class ExternalStepEvents {
  constructor(
    private readonly transitions: StepTransitions,
    private readonly notifier: WorkflowNotifier,
    private readonly snapshots: PlanSnapshots,
  ) {}

  /** A new version was proposed: approvals of other content go stale; a rejection is revised. */
  async proposed(
    manager: EntityManager,
    actor: Actor,
    engagementId: string,
    stepKey: string,
    hash: string,
  ): Promise<void> {
    await this.withStep(manager, actor, engagementId, stepKey, async (ctx, step) => {
      if (step.state === 'done' && step.contentHash !== hash) {
        const approver = step.actedBy;
        await this.transitions.apply(ctx, step, {
          to: 'stale',
          action: 'stale',
          reason: 'a new version was proposed',
          contentHash: null,
        });
        await this.notifier.approvalStale(manager, ctx.onboarding, step, approver);
      } else if (step.state === 'rejected') {
        await this.transitions.apply(ctx, step, {
          to: 'open',
          action: 'revised',
          reason: 'a new version was proposed',
        });
      }
    });
  }

  /** The customer approved a version: the step is done, bound to that content's hash. */
  async approved(
    manager: EntityManager,
    actor: Actor,
    engagementId: string,
    stepKey: string,
    hash: string,
  ): Promise<void> {
    await this.withStep(manager, actor, engagementId, stepKey, async (ctx, step) => {
      if (step.state === 'done' && step.contentHash === hash) return;
      if (step.state !== 'open' && step.state !== 'stale') {
        const waiting =
          step.state === 'blocked' ? `: waiting for ${step.dependsOn.join(', ')}` : '';
        throw new WorkflowError(
          'STEP_WRONG_STATE',
          `The onboarding step ${stepKey} is ${step.state}${waiting}; it cannot be approved yet`,
          { state: step.state },
        );
      }
      await this.transitions.apply(ctx, step, {
        to: 'done',
        action: 'approved',
        contentHash: hash,
      });
    });
  }

  async rejected(
    manager: EntityManager,
    actor: Actor,
    engagementId: string,
    stepKey: string,
    reason: string,
  ): Promise<void> {
    await this.withStep(manager, actor, engagementId, stepKey, async (ctx, step) => {
      if (step.state !== 'open' && step.state !== 'stale') return;
      await this.transitions.apply(ctx, step, {
        to: 'rejected',
        action: 'rejected',
        reason,
        contentHash: null,
      });
    });
  }

  /**
   * Re-runs the automatic checks of the engagement's onboarding: an open check that passes is
   * done; a done check that now fails reopens with its reasons.
   */
  async checksChanged(manager: EntityManager, actor: Actor, engagementId: string): Promise<void> {
    const ctx = await loadNewestOnboarding(manager, actor, engagementId);
    if (ctx) await this.runChecks(ctx);
  }

  /**
   * What a change of the engagement's configuration sets off, on one load of its newest
   * onboarding (the row locked once): the automatic checks re-run (`checksChanged`), then the
   * approvals and proposals of `stepKeys` compared with the configuration now
   * (`PlanSnapshots.changed`). Pass the engagement when the transaction has read it.
   */
  async configurationChanged(
    manager: EntityManager,
    actor: Actor,
    engagement: Engagement | string,
    stepKeys: readonly string[],
  ): Promise<void> {
    const ctx = await loadNewestOnboarding(manager, actor, engagement);
    if (!ctx) return;
    await this.runChecks(ctx);
    await this.snapshots.changedIn(ctx, stepKeys);
  }

  private async runChecks(ctx: TransitionContext): Promise<void> {
    for (const step of ctx.steps.filter(
      (s) => s.type === 'automatic_check' && (s.state === 'open' || s.state === 'done'),
    )) {
      await this.transitions.evaluateCheck(ctx, step);
    }
  }

  private async withStep(
    manager: EntityManager,
    actor: Actor,
    engagementId: string,
    stepKey: string,
    work: (ctx: TransitionContext, step: OnboardingStep) => Promise<void>,
  ): Promise<void> {
    const ctx = await loadNewestOnboarding(manager, actor, engagementId);
    const step = ctx?.steps.find((s) => s.key === stepKey);
    if (ctx && step) await work(ctx, step);
  }
}
