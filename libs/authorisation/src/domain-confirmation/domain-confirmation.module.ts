import { ClockModule } from '@app/platform';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { NotifyModule, NotifyWorkerModule } from '@app/notify';
import { WorkflowModule } from '@app/workflow';
import { DOMAIN_CONFIRMATION_ENTITIES } from './entities';
import { DomainPermissionEmailHandler } from './mail/domain-permission-email.handler';
import { DomainPermissionSender } from './mail/domain-permission-sender';
import { ConfirmationContextLoader } from './services/confirmation-context';
import { ConfirmationDecisionsService } from './services/confirmation-decisions.service';
import { ConfirmationTokens } from './services/confirmation-tokens';
import { DnsCheckService } from './services/dns-check.service';
import { DomainConfirmationService } from './services/domain-confirmation.service';

const SERVICES = [
  ConfirmationContextLoader,
  ConfirmationTokens,
  DomainConfirmationService,
  ConfirmationDecisionsService,
  DnsCheckService,
];

/**
 * For the API: the domain-permission email (send, resend, list, decide by link or reply) and
 * the DNS TXT check. Registers `domain_permission_email` as decided here.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(DOMAIN_CONFIRMATION_ENTITIES),
    AuditModule,
    IdentityModule,
    NotifyModule,
    WorkflowModule,
    ClockModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class DomainConfirmationModule {}

/** For the worker (and the embedded API): mails the requests, issuing their links at send time. */
@Module({
  imports: [DomainConfirmationModule, AuditModule, IdentityModule, NotifyWorkerModule, ClockModule],
  providers: [DomainPermissionSender, DomainPermissionEmailHandler],
  exports: [DomainPermissionSender],
})
export class DomainConfirmationWorkerModule {}
