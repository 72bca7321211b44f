import { Injectable } from '@nestjs/common';
import {
  JobHandler,
  JobHandlerRegistry,
  NotificationLedger,
  notificationId,
  StepEscalationPayload,
} from '@app/notify';
import { actingOrganisationId } from '../services/assignees';
import { roleLabel } from '@app/access';
import { joinNames } from './notification-labels';
import { later, overdueDays } from './reminder-schedule';
import { StepMailContext } from './step-mail-context';
import { notificationKeys } from './workflow-notifier';

/**
 * Runs at a step's due date: if that opening of the step is still not done or waived, the
 * engagement's assigned account managers (the provider lead where none is assigned) are told
 * which step, who it waits on and how overdue it is, each as they prefer for overdue steps.
 */
@Injectable()
export class StepEscalationHandler implements JobHandler<'step-escalation'> {
  constructor(
    private readonly context: StepMailContext,
    private readonly ledger: NotificationLedger,
    registry: JobHandlerRegistry,
  ) {
    registry.register('step-escalation', this);
  }

  async handle(outboxId: string, payload: StepEscalationPayload): Promise<void> {
    const facts = await this.context.current(payload, ['open', 'stale', 'rejected']);
    if (facts === null) return;
    const { step, engagement } = facts;
    let managers = await this.context.holders(facts, {
      party: 'provider',
      role: 'account_manager',
    });
    if (managers.length === 0)
      managers = await this.context.holders(facts, { party: 'provider', role: 'provider_lead' });
    const recipients = await this.context.recipients(managers.map((u) => u.id));
    const waitingOn = await this.context.holders(facts, step);
    const partyName = await this.context.organisationName(
      actingOrganisationId(engagement, step.party),
    );
    const days = overdueDays(step.dueAt, later(this.context.now(), new Date(payload.at)));
    const key = notificationKeys.escalation(step);
    for (const recipient of recipients) {
      const heldAs = notificationId(`${key}:${recipient.id}`);
      await this.ledger.once(heldAs, 'step-escalation', () =>
        this.context.sendPreferred(
          'step_overdue',
          'step-escalation',
          { outboxId, heldAs },
          recipient,
          {
            ...this.context.base(facts, recipient),
            engagementName: engagement.name,
            partyName,
            roleLabel: roleLabel(step.role, recipient.language),
            waitingOnNames: joinNames(
              waitingOn.map((u) => u.displayName),
              recipient.language,
            ),
            overdueDays: days,
            plural: days !== 1,
          },
        ),
      );
    }
  }
}
