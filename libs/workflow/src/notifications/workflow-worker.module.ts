import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { NotifyWorkerModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { WorkflowModule } from '../workflow.module';
import { ApprovalStaleHandler } from './approval-stale.handler';
import { ProposalOutdatedHandler } from './proposal-outdated.handler';
import { StepEscalationHandler } from './step-escalation.handler';
import { StepMailContext } from './step-mail-context';
import { StepOpenedHandler } from './step-opened.handler';
import { StepReminderHandler } from './step-reminder.handler';

/**
 * For the worker (and the embedded API, beside NotifyWorkerModule): the handlers of the
 * workflow's jobs, step-opened, step-reminder, step-escalation, approval-stale and proposal-outdated. Each
 * registers itself with the mail processor's JobHandlerRegistry.
 */
@Module({
  imports: [AuditModule, IdentityModule, WorkflowModule, NotifyWorkerModule, ClockModule],
  providers: [
    StepMailContext,
    StepOpenedHandler,
    StepReminderHandler,
    StepEscalationHandler,
    ApprovalStaleHandler,
    ProposalOutdatedHandler,
  ],
})
export class WorkflowWorkerModule {}
