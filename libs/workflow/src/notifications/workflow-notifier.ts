import { Injectable } from '@nestjs/common';
import { Engagement, Organisation } from '@app/identity';
import { ChannelAnnouncements, OutboxService, StepOpeningRef } from '@app/notify';
import { Clock } from '@app/platform';
import { EntityManager } from 'typeorm';
import type { OnboardingStep } from '../entities/onboarding-step.entity';
import type { Onboarding } from '../entities/onboarding.entity';
import { AssigneeResolver } from '../services/assignees';
import { awaitedProposer } from './awaited-proposer';
import { TemplateRegistry } from '../services/template-registry';
import { localise } from '../templates/localise';
import { DEFAULT_REMINDERS, ReminderSchedule } from '../templates/template.types';
import { later, nextReminder, realRunAt, ScheduledReminder } from './reminder-schedule';

/**
 * The outbox dedupe keys of workflow notifications. Each names one opening of one step (its id
 * and `openedAt`), so whichever process writes a message, it is written once; a reopened step
 * has a new `openedAt` and starts afresh.
 */
export const notificationKeys = {
  opened: (step: OpeningOf, userId: string) => `step-opened:${opening(step)}:${userId}`,
  reminder: (step: OpeningOf, n: number) => `step-reminder:${opening(step)}:${n}`,
  escalation: (step: OpeningOf) => `step-escalation:${opening(step)}`,
  approvalStale: (step: OpeningOf) => `approval-stale:${opening(step)}`,
  proposalOutdated: (step: OpeningOf) => `proposal-outdated:${opening(step)}`,
  /** The approver asked once more when proposal `version` renews a stale approval's subject. */
  reproposed: (step: OpeningOf, userId: string, version: number) =>
    `step-opened:${opening(step)}:${userId}:v${version}`,
};

type OpeningOf = Pick<OnboardingStep, 'id' | 'openedAt'>;

function opening(step: OpeningOf): string {
  if (step.openedAt === null) throw new Error(`Step ${step.id} has never been opened`);
  return `${step.id}:${step.openedAt.getTime()}`;
}

/** What every workflow job payload carries about the step opening it is about. */
function openingRef(step: OnboardingStep): StepOpeningRef {
  if (step.openedAt === null) throw new Error(`Step ${step.key} has never been opened`);
  return {
    onboardingId: step.onboardingId,
    stepId: step.id,
    stepKey: step.key,
    openedAt: step.openedAt.toISOString(),
  };
}

/** True when the step is still in the opening a message was written for. */
export function isSameOpening(
  step: Pick<OnboardingStep, 'openedAt'>,
  ref: StepOpeningRef,
): boolean {
  return step.openedAt !== null && step.openedAt.getTime() === Date.parse(ref.openedAt);
}

/**
 * Hooks the step transitions call inside their transaction, so notifications are written to the
 * outbox together with the change (and only if it commits). The jobs (step-opened,
 * step-reminder, step-escalation, approval-stale) are handled in the worker by the handlers of
 * `WorkflowWorkerModule`; times are read from the injectable `Clock`.
 */
@Injectable()
export class WorkflowNotifier {
  constructor(
    private readonly outbox: OutboxService,
    private readonly assignees: AssigneeResolver,
    private readonly templates: TemplateRegistry,
    private readonly clock: Clock,
    private readonly channels: ChannelAnnouncements,
  ) {}

  /**
   * Tells the engagement's chat channels that chose it that a step opened or was approved, once
   * per opening of the step (in the transaction of the change).
   */
  async announce(
    ctx: { manager: EntityManager; onboarding: Onboarding; engagement: Engagement },
    step: OnboardingStep,
    event: 'step_opened' | 'step_approved',
  ): Promise<void> {
    if (step.openedAt === null) return;
    const { manager, onboarding, engagement } = ctx;
    const channels = await this.channels.listening(manager, engagement.id, event);
    if (channels.length === 0) return;
    const customer = await manager
      .getRepository(Organisation)
      .findOneByOrFail({ id: engagement.customerOrganisationId });
    const definition = this.templates.step(
      onboarding.templateKey,
      onboarding.templateVersion,
      step.key,
    );
    const title = (language: 'ja' | 'en' | 'zh'): string =>
      definition ? localise(definition.title, language) : step.key;
    await this.channels.announce(
      manager,
      engagement.id,
      {
        event,
        key: opening(step),
        customerName: customer.name,
        title: { ja: title('ja'), en: title('en'), zh: title('zh') },
        path: `/onboardings/${onboarding.id}`,
      },
      channels,
    );
  }

  /**
   * A step became open (or stale): each assignee is told in a mail of their own, its first
   * reminder is scheduled per the template, and its escalation for the due date; the
   * engagement's chat channels hear that it opened. A stale approval whose proposer is waited on
   * (a configuration change outdated the proposal) asks its approvers nothing yet, since approving
   * would be refused: the proposer's role is asked to propose the current plan (`proposal-outdated`),
   * and the approvers are asked once it is proposed (`reproposed`).
   */
  async stepOpened(
    manager: EntityManager,
    onboarding: Onboarding,
    step: OnboardingStep,
    /** The engagement, when the caller's transaction has read it (no second read). */
    known: { engagement?: Engagement } = {},
  ): Promise<void> {
    if (step.openedAt === null) return;
    const engagement =
      known.engagement ??
      (await manager.getRepository(Engagement).findOneByOrFail({ id: onboarding.engagementId }));
    const definition = this.templates.step(
      onboarding.templateKey,
      onboarding.templateVersion,
      step.key,
    );
    if (await awaitedProposer(manager, step, definition?.proposer)) {
      await this.outbox.add(manager, 'proposal-outdated', openingRef(step), {
        dedupeKey: notificationKeys.proposalOutdated(step),
      });
    } else {
      await this.askAssignees(manager, engagement, step, (userId) =>
        notificationKeys.opened(step, userId),
      );
    }
    const now = this.clock.now();
    await this.scheduleReminder(manager, onboarding, step, 0, now);
    await this.scheduleEscalation(manager, step, now);
    if (step.state === 'open')
      await this.announce({ manager, onboarding, engagement }, step, 'step_opened');
  }

  /**
   * A proposal made the approver of a stale approval waited on again (it replaced one a change
   * had outdated): each approver is asked, in the step-opened mail of a stale step, once per
   * proposal version.
   */
  async reproposed(
    manager: EntityManager,
    onboarding: Onboarding,
    step: OnboardingStep,
    version: number,
  ): Promise<void> {
    if (step.openedAt === null || step.state !== 'stale') return;
    const engagement = await manager
      .getRepository(Engagement)
      .findOneByOrFail({ id: onboarding.engagementId });
    await this.askAssignees(
      manager,
      engagement,
      step,
      (userId) => notificationKeys.reproposed(step, userId, version),
      { proposalVersion: version },
    );
  }

  private async askAssignees(
    manager: EntityManager,
    engagement: Engagement,
    step: OnboardingStep,
    key: (userId: string) => string,
    about: { proposalVersion?: number } = {},
  ): Promise<void> {
    const users =
      (await this.assignees.forSteps(manager, engagement, [step])).get(
        `${step.party}:${step.role}`,
      ) ?? [];
    const ref = openingRef(step);
    for (const user of users) {
      await this.outbox.add(
        manager,
        'step-opened',
        { ...ref, userId: user.id, ...about },
        { dedupeKey: key(user.id) },
      );
    }
  }

  /**
   * An approval went stale because its subject changed: the approver is told. Their generic
   * "waiting for you" mail of this opening, written a moment ago in the same transaction, is
   * withdrawn, so they get the one mail that says why.
   */
  async approvalStale(
    manager: EntityManager,
    _onboarding: Onboarding,
    step: OnboardingStep,
    previousApprover: string | null,
  ): Promise<void> {
    if (previousApprover === null || step.openedAt === null) return;
    await this.outbox.withdraw(manager, notificationKeys.opened(step, previousApprover));
    await this.outbox.add(
      manager,
      'approval-stale',
      { ...openingRef(step), approverUserId: previousApprover },
      { dedupeKey: notificationKeys.approvalStale(step) },
    );
  }

  /**
   * Schedules the reminder after number `previous` (0: the first) at the schedule's first slot
   * after `after`, as a delayed outbox message keyed by step, opening and number: however many
   * workers schedule it, it is written once. Returns it, or null when the schedule is used up.
   */
  async scheduleReminder(
    manager: EntityManager,
    onboarding: Pick<Onboarding, 'templateKey' | 'templateVersion'>,
    step: OnboardingStep,
    previous: number,
    after: Date,
  ): Promise<ScheduledReminder | null> {
    const next = nextReminder(step.dueAt, this.schedule(onboarding, step), previous, after);
    if (next === null) return null;
    await this.outbox.add(
      manager,
      'step-reminder',
      { ...openingRef(step), reminder: next.number, at: next.at.toISOString() },
      {
        runAt: realRunAt(next.at, this.clock.now()),
        dedupeKey: notificationKeys.reminder(step, next.number),
      },
    );
    return next;
  }

  /** The reminder schedule of a step: its template's, or the default. */
  schedule(
    onboarding: Pick<Onboarding, 'templateKey' | 'templateVersion'>,
    step: Pick<OnboardingStep, 'key'>,
  ): ReminderSchedule {
    return (
      this.templates.step(onboarding.templateKey, onboarding.templateVersion, step.key)
        ?.reminders ?? DEFAULT_REMINDERS
    );
  }

  /** At the due date (at once if it has passed), the account managers hear if it still waits. */
  private async scheduleEscalation(
    manager: EntityManager,
    step: OnboardingStep,
    now: Date,
  ): Promise<void> {
    const at = later(step.dueAt, now);
    await this.outbox.add(
      manager,
      'step-escalation',
      { ...openingRef(step), at: at.toISOString() },
      { runAt: realRunAt(at, now), dedupeKey: notificationKeys.escalation(step) },
    );
  }
}
