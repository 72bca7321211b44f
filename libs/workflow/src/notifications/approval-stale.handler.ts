import { Injectable } from '@nestjs/common';
import {
  ApprovalStalePayload,
  JobHandler,
  JobHandlerRegistry,
  NotificationLedger,
} from '@app/notify';
import { formatMomentDay, TransactionRunner } from '@app/platform';
import { OnboardingEvent } from '../entities/onboarding-event.entity';
import { StepSubmission } from '../entities/step-submission.entity';
import { StepMailContext } from './step-mail-context';

/**
 * Tells the approver that what they approved changed (asks them to approve again), unless the
 * step has been approved again; as they prefer to hear of approval requests.
 */
@Injectable()
export class ApprovalStaleHandler implements JobHandler<'approval-stale'> {
  constructor(
    private readonly context: StepMailContext,
    private readonly ledger: NotificationLedger,
    private readonly tx: TransactionRunner,
    registry: JobHandlerRegistry,
  ) {
    registry.register('approval-stale', this);
  }

  async handle(outboxId: string, payload: ApprovalStalePayload): Promise<void> {
    const facts = await this.context.current(payload, ['stale']);
    if (facts === null) return;
    const [recipient] = await this.context.recipients([payload.approverUserId]);
    if (recipient === undefined) return;
    const approval = await this.tx.manager.getRepository(OnboardingEvent).findOne({
      where: {
        onboardingId: facts.step.onboardingId,
        stepKey: facts.step.key,
        action: 'approved',
        actorUserId: payload.approverUserId,
      },
      order: { id: 'DESC' },
    });
    // A configuration change records what changed on the proposal it outdated (see PlanSnapshots).
    const outdated = await this.tx.manager.getRepository(StepSubmission).findOne({
      where: { onboardingId: facts.step.onboardingId, stepKey: facts.step.key },
      order: { version: 'DESC' },
    });
    await this.ledger.once(outboxId, 'approval-stale', () =>
      this.context.sendPreferred(
        'approval_requested',
        'approval-stale',
        { outboxId, heldAs: outboxId },
        recipient,
        {
          ...this.context.base(facts, recipient),
          // The day the approval was given, as that day was in the approver's zone.
          approvedOn: approval
            ? formatMomentDay(
                approval.at,
                { language: recipient.language, timeZone: recipient.timeZone },
                'long',
              )
            : null,
          changes: outdated?.outdatedChanges?.[recipient.language] ?? null,
        },
      ),
    );
  }
}
