import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { Actor } from '@app/identity';
import type { Language } from '@app/access';
import { Clock, ValidationException } from '@app/platform';
import { EntityManager } from 'typeorm';
import { OnboardingEvent } from '../entities/onboarding-event.entity';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import { StepSubmission, SubmissionKind } from '../entities/step-submission.entity';
import { WorkflowNotifier } from '../notifications/workflow-notifier';
import { contentHash, latestSubmission } from '../services/approval-content';
import { loadNewestOnboarding } from '../services/newest-onboarding';
import { StepTransitions, TransitionContext } from '../services/step-transitions';
import type { LocalisedText, StepDefinition } from '../templates/template.types';
import { freeFormSchema, readFreeForm } from './free-form-schemas';
import { isPlanSnapshot, PlanSnapshot, snapshotHash, SnapshotProvider } from './plan-snapshot';
import { summariseChanges } from './proposal-document';
import { ProposalSubjectRegistry } from './proposal-subjects.registry';
import { WorkflowError } from '../workflow-errors';

/** What a proposer sends: nothing but an optional note for configuration steps; the written content otherwise. */
export interface ProposalInput {
  content?: unknown;
  note?: string | null;
}

export type ReadProposal =
  | { kind: 'snapshot'; note: string | null }
  | { kind: 'content'; content: Record<string, unknown>; note: string | null };

export interface PreparedProposal {
  kind: SubmissionKind;
  content: Record<string, unknown>;
  hash: string;
  note: string | null;
  /** When the snapshot was taken (or the content received), on the business clock. */
  takenAt: Date;
}

/** The configuration part of a stored snapshot (nothing for a version written before snapshots were taken). */
export function configurationOf(
  submission: Pick<StepSubmission, 'content'>,
): Record<string, unknown> {
  return isPlanSnapshot(submission.content) ? submission.content.configuration : {};
}

/**
 * Proposals of configuration steps are snapshots the server takes, never content a client sends;
 * an approval binds to the snapshot's hash, and a later change of the configuration makes the
 * approval stale in the changing transaction (the approver is mailed, the gate says what
 * changed). Written proposals of the other steps are read against their documented schema.
 */
@Injectable()
export class PlanSnapshots {
  constructor(
    private readonly registry: ProposalSubjectRegistry,
    private readonly transitions: StepTransitions,
    private readonly notifier: WorkflowNotifier,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The proposer's input as the step takes it, checked before anything else (so a bad request is
   * a 400 whatever the step's state): a configuration step refuses content, a written proposal
   * must match its step's schema.
   */
  readInput(stepKey: string, input: ProposalInput): ReadProposal {
    const note = input.note?.trim() || null;
    if (this.registry.snapshotFor(stepKey)) {
      if (input.content !== undefined && input.content !== null) {
        throw new ValidationException([
          {
            field: 'content',
            reason: `is taken by the server: ${stepKey} approves a snapshot of the engagement's current configuration, so send no content (only an optional note)`,
          },
        ]);
      }
      return { kind: 'snapshot', note };
    }
    const schema = freeFormSchema(stepKey);
    if (!schema)
      throw new WorkflowError(
        'STEP_ACTION_NOT_APPLICABLE',
        `Step ${stepKey} has no documented proposal schema`,
      );
    const read = readFreeForm(schema.fields, input.content);
    if ('errors' in read) throw new ValidationException(read.errors);
    return { kind: 'content', content: read.content, note };
  }

  /** The new version to store: the current configuration's snapshot, or the written content as read. */
  async prepare(
    ctx: TransitionContext,
    step: OnboardingStep,
    read: ReadProposal,
    language: Language,
  ): Promise<PreparedProposal> {
    const takenAt = this.clock.now();
    if (read.kind === 'content')
      return {
        kind: 'content',
        content: read.content,
        hash: contentHash(read.content),
        note: read.note,
        takenAt,
      };
    const provider = this.registry.snapshotFor(step.key) as SnapshotProvider;
    const blockers = provider.notReady
      ? await provider.notReady(ctx.manager, ctx.engagement.id, language)
      : [];
    if (blockers.length > 0) {
      throw new WorkflowError(
        'PROPOSAL_NOT_READY',
        `The configuration of ${step.key} cannot be proposed yet: ${blockers.join('; ')}`,
        { reasons: blockers },
      );
    }
    const snapshot = await provider.take(ctx.manager, ctx.engagement.id);
    return {
      kind: 'snapshot',
      content: { ...snapshot },
      hash: snapshotHash(step.key, snapshot.configuration),
      note: read.note,
      takenAt,
    };
  }

  /**
   * Before an approval binds: the configuration must still be what the newest proposal
   * snapshotted, or the approver would approve something that no longer exists.
   */
  async assertCurrent(
    ctx: TransitionContext,
    step: OnboardingStep,
    definition: StepDefinition,
    newest?: StepSubmission | null,
  ): Promise<void> {
    const provider = this.registry.snapshotFor(step.key);
    // The approval has just read the newest proposal in the same transaction: no second read.
    const latest = !provider
      ? null
      : newest !== undefined
        ? newest
        : await latestSubmission(ctx.manager, step.onboardingId, step.key);
    if (!provider || !latest) return;
    const current = await provider.take(ctx.manager, ctx.engagement.id);
    if (snapshotHash(step.key, current.configuration) === latest.contentHash) return;
    const changes = provider.compare(configurationOf(latest), current.configuration, 'en');
    const proposer = definition.proposer;
    throw new WorkflowError(
      'APPROVAL_STALE',
      `The configuration changed after proposal v${latest.version} was taken (${summariseChanges(changes, 'en')}); ` +
        `the ${proposer?.party}'s ${proposer?.role} proposes the current plan for approval`,
      { proposalVersion: latest.version, changes },
    );
  }

  /**
   * Called in the transaction of every change to the configuration behind `stepKeys`: an approved
   * step whose configuration no longer matches goes stale (audited, the approver mailed, the gate
   * saying what changed); a proposal waiting for approval is marked out of date. Nothing happens
   * when the configuration is back to what was approved or proposed.
   */
  async changed(
    manager: EntityManager,
    actor: Actor,
    engagementId: string,
    stepKeys: readonly string[],
  ): Promise<void> {
    const ctx = await loadNewestOnboarding(manager, actor, engagementId);
    if (!ctx) return;
    for (const key of stepKeys) {
      const provider = this.registry.snapshotFor(key);
      const step = ctx.steps.find((s) => s.key === key);
      if (!provider || !step) continue;
      const latest = await latestSubmission(manager, step.onboardingId, key);
      if (!latest) continue;
      if (step.state === 'done') await this.approvalChanged(ctx, step, provider, latest);
      else if (step.state === 'open' || step.state === 'stale')
        await this.proposalChanged(ctx, step, provider, latest);
    }
  }

  private async approvalChanged(
    ctx: TransitionContext,
    step: OnboardingStep,
    provider: SnapshotProvider,
    latest: StepSubmission,
  ): Promise<void> {
    const current = await provider.take(ctx.manager, ctx.engagement.id);
    if (snapshotHash(step.key, current.configuration) === step.contentHash) return;
    const approved = await ctx.manager.getRepository(StepSubmission).findOne({
      where: {
        onboardingId: step.onboardingId,
        stepKey: step.key,
        contentHash: step.contentHash ?? '',
      },
      order: { version: 'DESC' },
    });
    const what = this.describe(provider, approved ? configurationOf(approved) : {}, current);
    await this.markOutdated(ctx.manager, latest, what);
    const approver = step.actedBy;
    await this.transitions.apply(ctx, step, {
      to: 'stale',
      action: 'stale',
      reason: `what you approved changed: ${what.en}`,
      contentHash: null,
      details: { changes: what },
    });
    await this.notifier.approvalStale(ctx.manager, ctx.onboarding, step, approver);
  }

  private async proposalChanged(
    ctx: TransitionContext,
    step: OnboardingStep,
    provider: SnapshotProvider,
    latest: StepSubmission,
  ): Promise<void> {
    const current = await provider.take(ctx.manager, ctx.engagement.id);
    if (snapshotHash(step.key, current.configuration) === latest.contentHash) {
      // Changed back to what was proposed: the proposal can be approved again.
      if (latest.outdatedAt !== null) {
        await ctx.manager
          .getRepository(StepSubmission)
          .update({ id: latest.id }, { outdatedAt: null, outdatedChanges: null });
        // The approver is waited on again, not the proposer (waitedOn).
        await this.transitions.keepProgress(ctx);
      }
      return;
    }
    if (latest.outdatedAt !== null) return;
    const what = this.describe(provider, configurationOf(latest), current);
    await this.markOutdated(ctx.manager, latest, what);
    // An outdated proposal waits on its proposer for a new one (waitedOn).
    await this.transitions.keepProgress(ctx);
    const reason = `the configuration changed after proposal v${latest.version} was taken: ${what.en}`;
    await ctx.manager.getRepository(OnboardingEvent).insert({
      onboardingId: ctx.onboarding.id,
      stepKey: step.key,
      action: 'proposal_outdated',
      actorUserId: ctx.actor.userId,
      at: this.clock.now(),
      reason,
      contentHash: latest.contentHash,
      details: { changes: what, proposalVersion: latest.version },
    });
    await this.audit.record(ctx.manager, ctx.actor, {
      action: 'onboarding.step.proposal_outdated',
      subjectType: 'onboarding_step',
      subjectId: step.id,
      organisationId: ctx.engagement.customerOrganisationId,
      engagementId: ctx.engagement.id,
      changes: {
        onboardingId: ctx.onboarding.id,
        stepKey: step.key,
        proposalVersion: latest.version,
        reason,
      },
    });
  }

  private describe(
    provider: SnapshotProvider,
    before: Record<string, unknown>,
    current: PlanSnapshot,
  ): LocalisedText {
    const text = (language: Language) =>
      summariseChanges(provider.compare(before, current.configuration, language), language);
    return { en: text('en'), ja: text('ja'), zh: text('zh') };
  }

  private async markOutdated(
    manager: EntityManager,
    submission: StepSubmission,
    what: LocalisedText,
  ): Promise<void> {
    if (submission.outdatedAt !== null) return;
    await manager
      .getRepository(StepSubmission)
      .update({ id: submission.id }, { outdatedAt: this.clock.now(), outdatedChanges: what });
  }
}
