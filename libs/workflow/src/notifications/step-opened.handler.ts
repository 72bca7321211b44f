import { Injectable } from '@nestjs/common';
import { JobHandler, JobHandlerRegistry, NotificationLedger, StepOpenedPayload } from '@app/notify';
import { roleLabel } from '@app/access';
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
    registry: JobHandlerRegistry,
  ) {
    registry.register('step-opened', this);
  }

  async handle(outboxId: string, payload: StepOpenedPayload): Promise<void> {
    const facts = await this.context.current(payload, ['open', 'stale']);
    if (facts === null) return;
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
}
