import { Injectable } from '@nestjs/common';
import { roleLabel } from '@app/access';
import {
  ApprovalStalePayload,
  JobHandler,
  JobHandlerRegistry,
  NotificationLedger,
} from '@app/notify';
import { TransactionRunner } from '@app/platform';
import { StepSubmission } from '../entities/step-submission.entity';
import { actingOrganisationId } from '../services/assignees';
import { approvalDay } from './approval-day';
import { awaitedProposer } from './awaited-proposer';
import { StepMailContext } from './step-mail-context';

/**
 * Tells the approver that what they approved changed, unless the step has been approved again;
 * as they prefer to hear of approval requests. When the step's proposer must propose the current
 * plan first (`awaitedProposer`, decided when the mail is sent), the mail says the approval no
 * longer applies and that they will be asked once it is proposed; otherwise it asks them to
 * approve again or reject.
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
    const awaited = await awaitedProposer(this.tx.manager, facts.step, facts.definition?.proposer);
    const organisation = awaited
      ? await this.context.organisationName(actingOrganisationId(facts.engagement, awaited.party))
      : null;
    // A configuration change records what changed on the proposal it outdated (see PlanSnapshots).
    const outdated =
      awaited?.newest ??
      (await this.tx.manager.getRepository(StepSubmission).findOne({
        where: { onboardingId: facts.step.onboardingId, stepKey: facts.step.key },
        order: { version: 'DESC' },
      }));
    await this.ledger.once(outboxId, 'approval-stale', async () =>
      this.context.sendPreferred(
        'approval_requested',
        'approval-stale',
        { outboxId, heldAs: outboxId },
        recipient,
        {
          ...this.context.base(facts, recipient),
          approvedOn: await approvalDay(
            this.tx.manager,
            facts.step,
            payload.approverUserId,
            recipient,
          ),
          changes: outdated?.outdatedChanges?.[recipient.language] ?? null,
          awaitedProposer:
            awaited && organisation !== null
              ? { role: roleLabel(awaited.role, recipient.language), organisation }
              : null,
        },
      ),
    );
  }
}
