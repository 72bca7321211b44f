import { Injectable } from '@nestjs/common';
import { roleLabel } from '@app/access';
import {
  JobHandler,
  JobHandlerRegistry,
  NotificationLedger,
  notificationId,
  StepOpeningRef,
} from '@app/notify';
import { TransactionRunner } from '@app/platform';
import { approvalDay } from './approval-day';
import { awaitedProposer } from './awaited-proposer';
import { StepMailContext } from './step-mail-context';
import { notificationKeys } from './workflow-notifier';

/**
 * Tells each holder of a stale approval's proposer role what changed in the approved plan and
 * asks them to propose the current plan, linking the outdated proposal's page; as they prefer to
 * hear of steps waiting on them. Nothing is sent once the step no longer waits on its proposer
 * (proposed again, approved, reopened).
 */
@Injectable()
export class ProposalOutdatedHandler implements JobHandler<'proposal-outdated'> {
  constructor(
    private readonly context: StepMailContext,
    private readonly ledger: NotificationLedger,
    private readonly tx: TransactionRunner,
    registry: JobHandlerRegistry,
  ) {
    registry.register('proposal-outdated', this);
  }

  async handle(outboxId: string, payload: StepOpeningRef): Promise<void> {
    const facts = await this.context.current(payload, ['stale']);
    if (facts === null) return;
    const awaited = await awaitedProposer(this.tx.manager, facts.step, facts.definition?.proposer);
    if (awaited === null) return;
    const recipients = await this.context.recipients(
      (await this.context.holders(facts, awaited)).map((u) => u.id),
    );
    const key = notificationKeys.proposalOutdated(facts.step);
    for (const recipient of recipients) {
      const heldAs = notificationId(`${key}:${recipient.id}`);
      const base = this.context.base(facts, recipient);
      await this.ledger.once(heldAs, 'proposal-outdated', async () =>
        this.context.sendPreferred(
          'step_opened',
          'proposal-outdated',
          { outboxId, heldAs },
          recipient,
          {
            ...base,
            // The outdated proposal's page: what it was, and what changed since.
            link: `${base.link}/steps/${facts.step.key}/proposals/${awaited.newest.version}`,
            roleLabel: roleLabel(awaited.role, recipient.language),
            approvedOn: await approvalDay(this.tx.manager, facts.step, null, recipient),
            changes: awaited.newest.outdatedChanges?.[recipient.language] ?? null,
          },
        ),
      );
    }
  }
}
