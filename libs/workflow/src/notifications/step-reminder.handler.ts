import { Injectable } from '@nestjs/common';
import {
  JobHandler,
  JobHandlerRegistry,
  NotificationLedger,
  notificationId,
  StepReminderPayload,
} from '@app/notify';
import { TransactionRunner } from '@app/platform';
import { roleLabel } from '@app/access';
import { awaitedProposer } from './awaited-proposer';
import { dueTiming, later } from './reminder-schedule';
import { StepMailContext } from './step-mail-context';
import { notificationKeys, WorkflowNotifier } from './workflow-notifier';

/**
 * Reminder n of one opening of a step. Sends only while the step is still open (or stale) in
 * that same opening: a step completed, waived or reopened meanwhile gets nothing, and its chain
 * of reminders ends here. Then schedules reminder n + 1 per the schedule.
 *
 * Never twice: reminder n+1 is written to the outbox under a unique key (step, opening, n+1), so
 * however many workers get here it exists once; and each mail is claimed in the ledger, at most
 * once, under (step, opening, n, recipient), so even a duplicate job running at the same moment
 * on another worker cannot send it again. (A worker dying between the claim and the send loses
 * that one reminder; the next still follows, since scheduling it does not depend on the send.)
 */
@Injectable()
export class StepReminderHandler implements JobHandler<'step-reminder'> {
  constructor(
    private readonly context: StepMailContext,
    private readonly ledger: NotificationLedger,
    private readonly tx: TransactionRunner,
    private readonly notifier: WorkflowNotifier,
    registry: JobHandlerRegistry,
  ) {
    registry.register('step-reminder', this);
  }

  async handle(outboxId: string, payload: StepReminderPayload): Promise<void> {
    const facts = await this.context.current(payload, ['open', 'stale']);
    if (facts === null) return;
    const { step } = facts;
    // The slot this reminder stands for, or now if the job ran late (a worker was down).
    const effective = later(this.context.now(), new Date(payload.at));
    const timing = dueTiming(step.dueAt, effective);
    // A stale approval waiting for its proposer's new proposal reminds the proposer, not the approver.
    const who = (await awaitedProposer(this.tx.manager, step, facts.definition?.proposer)) ?? step;
    const recipients = await this.context.recipients(
      (await this.context.holders(facts, who)).map((u) => u.id),
    );
    const key = notificationKeys.reminder(step, payload.reminder);
    for (const recipient of recipients) {
      const heldAs = notificationId(`${key}:${recipient.id}`);
      await this.ledger.atMostOnce(heldAs, 'step-reminder', () =>
        this.context.sendPreferred('reminder', 'step-reminder', { outboxId, heldAs }, recipient, {
          ...this.context.base(facts, recipient),
          roleLabel: roleLabel(who.role, recipient.language),
          reminderNumber: payload.reminder,
          overdue: timing.overdue,
          days: timing.days,
          plural: timing.days !== 1,
        }),
      );
    }
    await this.tx.run((manager) =>
      this.notifier.scheduleReminder(manager, facts.onboarding, step, payload.reminder, effective),
    );
  }
}
