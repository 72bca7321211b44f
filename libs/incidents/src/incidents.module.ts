import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { NotifyModule, NotifyWorkerModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { INCIDENT_ENTITIES } from './entities';
import { ActionTimeoutHandler } from './jobs/action-timeout.handler';
import { ActionApprovalEmailHandler, ActionExecutedEmailHandler, ActionMailSender } from './jobs/action-mail.sender';
import { SlaDeadlineHandler } from './jobs/sla-deadline.handler';
import { ActionLinksService } from './services/action-links.service';
import { ActionRecipients } from './services/action-recipients';
import { ActionTokens } from './services/action-tokens';
import { IncidentAccess } from './services/incident-access';
import { IncidentContext } from './services/incident-context';
import { IncidentJournal } from './services/incident-journal';
import { IncidentProgressService } from './services/incident-progress.service';
import { IncidentsService } from './services/incidents.service';
import { ResponseActionsService } from './services/response-actions.service';
import { SlaBreaches } from './services/sla-breaches';

const SERVICES = [
  IncidentAccess,
  IncidentContext,
  IncidentJournal,
  SlaBreaches,
  ActionRecipients,
  ActionTokens,
  IncidentsService,
  IncidentProgressService,
  ResponseActionsService,
  ActionLinksService,
];

/** For the API: incidents, their SLA timers, runbook tasks and response actions. */
@Module({
  imports: [TypeOrmModule.forFeature(INCIDENT_ENTITIES), AuditModule, IdentityModule, NotifyModule, ClockModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class IncidentsModule {}

/** For the worker (and the embedded API): SLA deadlines, collaborate timeouts and the action mails. */
@Module({
  imports: [IncidentsModule, NotifyWorkerModule, ClockModule],
  providers: [SlaDeadlineHandler, ActionTimeoutHandler, ActionMailSender, ActionApprovalEmailHandler, ActionExecutedEmailHandler],
})
export class IncidentsWorkerModule {}
