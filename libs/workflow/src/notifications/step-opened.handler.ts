import { Injectable } from '@nestjs/common';
import { JobHandler, JobHandlerRegistry, NotificationLedger, StepOpenedPayload } from '@app/notify';
import { roleLabel } from '@app/access';
import { TransactionRunner } from '@app/platform';
import { latestSubmission } from '../services/approval-content';
import { StepMailContext } from './step-mail-context';

/**
 * Tells one assignee that a step waits on them, in their language, unless it moved on meanwhile;
 * as they prefer to hear of opened steps (at once, in their digest, or not).
 */
@Injectable()
export class StepOpenedHandler implements JobHandler<'step-opened'> {
  constructor(
    private readonly context: StepMailContext,
    private readonly ledger: NotificationLedger,
    private readonly tx: TransactionRunner,
    registry: JobHandlerRegistry,
  ) {
    registry.register('step-opened', this);
  }

  async handle(outboxId: string, payload: StepOpenedPayload): Promise<void> {
    const facts = await this.context.current(payload, ['open', 'stale']);
    if (facts === null) return;
    if (payload.proposalVersion !== undefined && !(await this.stillNewest(payload))) return;
    const [recipient] = await this.context.recipients([payload.userId]);
    if (recipient === undefined) return;
    await this.ledger.once(outboxId, 'step-opened', () =>
      this.context.sendPreferred(
        'step_opened',
        'step-opened',
        { outboxId, heldAs: outboxId },
        recipient,
        {
          ...this.context.base(facts, recipient),
          stepDescription: this.context.description(facts, recipient.language),
          roleLabel: roleLabel(facts.step.role, recipient.language),
          overdue: facts.step.dueAt.getTime() < this.context.now().getTime(),
          stale: facts.step.state === 'stale',
        },
      ),
    );
  }

  /** Whether the proposal the approver is asked about is still the one to decide. */
  private async stillNewest(payload: StepOpenedPayload): Promise<boolean> {
    const newest = await latestSubmission(this.tx.manager, payload.onboardingId, payload.stepKey);
    return (
      newest !== null && newest.version === payload.proposalVersion && newest.outdatedAt === null
    );
  }
}
