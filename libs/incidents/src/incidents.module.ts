import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { MAIL_QUEUE, NotifyModule, NotifyWorkerModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { INCIDENT_ENTITIES } from './entities';
import { EscalationLinksService } from './escalation/escalation-links.service';
import { EscalationEmailHandler, EscalationTimeoutHandler } from './escalation/escalation-jobs';
import { EscalationRound } from './escalation/escalation-round';
import { EscalationsService } from './escalation/escalations.service';
import { ActionTimeoutHandler } from './jobs/action-timeout.handler';
import {
  ActionApprovalEmailHandler,
  ActionExecutedEmailHandler,
  ActionMailSender,
} from './jobs/action-mail.sender';
import { SlaDeadlineHandler } from './jobs/sla-deadline.handler';
import { ActionLinksService } from './services/action-links.service';
import { ActionRecipients } from './services/action-recipients';
import { ActionTokens, EscalationTokens } from './services/action-tokens';
import { IncidentAccess } from './services/incident-access';
import { IncidentContext } from './services/incident-context';
import { IncidentJournal } from './services/incident-journal';
import { IncidentProgressService } from './services/incident-progress.service';
import { IncidentsService } from './services/incidents.service';
import { ResponseActionsService } from './services/response-actions.service';
import { AwaitingApprovalsService } from './services/awaiting-approvals.service';
import { SlaBreaches } from './services/sla-breaches';
import { PeacetimeActivityHandler } from './peacetime/peacetime-activity.handler';
import { PeacetimeScheduler, PeacetimeSyncHandler } from './peacetime/peacetime-scheduler';
import { PeacetimeTasksService } from './peacetime/peacetime-tasks.service';
import { ClosureReportService } from './report/closure-report.service';
import { IncidentReviewService } from './review/incident-review.service';
import { IncidentMetricsService } from './report/incident-metrics.service';
import { IncidentWebhooks } from './webhooks/incident-webhooks.service';
import { PdfWriter } from '@app/platform/documents/pdf-writer';
import { WebhookDeliveryHandler } from './webhooks/webhook-delivery.handler';
import { WebhookSecrets } from './webhooks/webhook-secrets';
import { WebhookTargets } from './webhooks/webhook-targets';

const SERVICES = [
  IncidentAccess,
  IncidentContext,
  IncidentWebhooks,
  WebhookTargets,
  WebhookSecrets,
  IncidentJournal,
  SlaBreaches,
  ActionRecipients,
  ActionTokens,
  EscalationTokens,
  EscalationRound,
  EscalationsService,
  EscalationLinksService,
  IncidentsService,
  IncidentProgressService,
  ResponseActionsService,
  AwaitingApprovalsService,
  ActionLinksService,
  PeacetimeTasksService,
  PdfWriter,
  ClosureReportService,
  IncidentReviewService,
  IncidentMetricsService,
];

/** For the API: incidents, their SLA timers, runbook tasks, response actions, escalations and webhooks. */
@Module({
  imports: [
    TypeOrmModule.forFeature(INCIDENT_ENTITIES),
    AuditModule,
    IdentityModule,
    NotifyModule,
    ClockModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class IncidentsModule {}

/** For the worker (and the embedded API): SLA deadlines, collaborate timeouts, escalations, webhooks, peacetime schedulers and the mails. */
@Module({
  imports: [
    IncidentsModule,
    AuditModule,
    IdentityModule,
    NotifyWorkerModule,
    ClockModule,
    BullModule.registerQueue({ name: MAIL_QUEUE }),
  ],
  providers: [
    SlaDeadlineHandler,
    ActionTimeoutHandler,
    ActionMailSender,
    ActionApprovalEmailHandler,
    ActionExecutedEmailHandler,
    EscalationEmailHandler,
    EscalationTimeoutHandler,
    WebhookDeliveryHandler,
    PeacetimeScheduler,
    PeacetimeSyncHandler,
    PeacetimeActivityHandler,
  ],
  exports: [PeacetimeScheduler],
})
export class IncidentsWorkerModule {}
