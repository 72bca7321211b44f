import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TerminusModule } from '@nestjs/terminus';
import { AuditModule } from '@app/audit';
import { EvidenceModule } from '@app/collaboration';
import { NotificationsModule } from '@app/collaboration';
import { ProofModule } from '@app/proof';
import {
  CompletionBundleModule,
  CompletionCertificateModule,
  DomainConfirmationModule,
  SignaturesModule,
} from '@app/authorisation';
import { IdentityModule, InvitationLinksModule } from '@app/identity';
import { IncidentsModule } from '@app/incidents';
import { CalendarModule, ConversationsModule, ReadinessModule } from '@app/collaboration';
import { NotifyModule } from '@app/notify';
import { WorkflowModule } from '@app/workflow';
import { ProtectionModule, RolloutInventoryModule } from '@app/rollout';
import {
  AllExceptionsFilter,
  AppConfig,
  AppConfigModule,
  DatabaseModule,
  HealthController,
  QueueModule,
  RateLimitModule,
  UnrepresentableInputGuard,
} from '@app/platform';
import { SCHEMA } from '../../../migrations/schema';
import { WORKER_JOB_MODULES } from '../../worker/src/worker-job-modules';
import { AGREEMENT_CONTROLLERS, AGREEMENTS_MODULE } from './agreements';
import { AuditController } from './audit/audit.controller';
import { AuditExportController } from './audit/audit-export.controller';
import { CompletionCertificateController } from './authorisation/completion-certificate.controller';
import { ConversationsController } from './collaboration/conversations.controller';
import { CheckpointsController } from './proof/checkpoints.controller';
import { CompletionBundleController } from './proof/completion-bundle.controller';
import { WellKnownKeysController } from './proof/well-known-keys.controller';
import { SIGNATURE_CONTROLLERS } from './authorisation/signatures';
import { DOMAIN_CONFIRMATION_CONTROLLERS } from './authorisation/domain-confirmation';
import { AccessTokenService } from './auth/access-token.service';
import { AuthController } from './auth/auth.controller';
import { PasskeysController } from './auth/passkeys.controller';
import { AuthenticationGuard } from './auth/authentication.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { CanGuard } from './auth/can.guard';
import { DevMailboxController } from './dev/dev-mailbox.controller';
import { PingController } from './health/ping.controller';
import { EngagementsController } from './identity/engagements.controller';
import { OrganisationsController } from './identity/organisations.controller';
import { OrganisationSignInController } from './identity/organisation-sign-in.controller';
import { OrganisationMfaPolicyController } from './identity/organisation-mfa-policy.controller';
import { UsersController } from './identity/users.controller';
import { ApiKeysController } from './identity/api-keys.controller';
import { IncidentEscalationsController } from './incidents/incident-escalations.controller';
import { IncidentReportController } from './incidents/incident-report.controller';
import { IncidentReviewController } from './incidents/incident-review.controller';
import { IncidentsController } from './incidents/incidents.controller';
import { PeacetimeTasksController } from './incidents/peacetime-tasks.controller';
import { PortalModule } from './portal/portal.module';
import { EvidenceController } from './collaboration/evidence/evidence.controller';
import { ROLLOUT_PLANNING_CONTROLLERS, ROLLOUT_PLANNING_MODULE } from './rollout/planning';
import { INVENTORY_CONTROLLERS, PROTECTION_CONTROLLERS } from './rollout';
import { DemoSeeder } from './seed/demo-seeder';
import { OnboardingStepsController } from './workflow/onboarding-steps.controller';
import { TaskEvidenceController } from './workflow/task-evidence.controller';
import { StepProposalsController } from './workflow/step-proposals.controller';
import { OnboardingsController } from './workflow/onboardings.controller';
import { OverviewController } from './workflow/overview.controller';
import { NotificationPreferencesController } from './collaboration/notification-preferences.controller';
import { NotificationChannelsController } from './collaboration/notification-channels.controller';
import { ERROR_STATUS } from './http/error-status';

/**
 * The API process. In embedded mode it also hosts the worker's modules (outbox relay and job
 * processors), so one process runs the whole portal.
 */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, extraModules: Type[] = []): DynamicModule {
    const embedded = config.mode === 'embedded';
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        DatabaseModule.forRoot(SCHEMA),
        QueueModule.forRoot(),
        RateLimitModule,
        TerminusModule,
        PassportModule,
        JwtModule.register({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
        AuditModule,
        ProofModule,
        IdentityModule,
        NotifyModule,
        WorkflowModule,
        // The welcome-mail handler issues set-password links (in-process in embedded mode).
        InvitationLinksModule,
        AGREEMENTS_MODULE,
        ROLLOUT_PLANNING_MODULE,
        ProtectionModule,
        RolloutInventoryModule,
        SignaturesModule,
        DomainConfirmationModule,
        IncidentsModule,
        ConversationsModule,
        CompletionCertificateModule,
        CompletionBundleModule,
        EvidenceModule,
        NotificationsModule,
        CalendarModule,
        ReadinessModule,
        PortalModule,
        ...(embedded ? WORKER_JOB_MODULES : []),
        ...extraModules,
      ],
      controllers: [
        PingController,
        HealthController,
        AuthController,
        PasskeysController,
        OrganisationsController,
        OrganisationSignInController,
        OrganisationMfaPolicyController,
        EngagementsController,
        UsersController,
        ApiKeysController,
        AuditController,
        AuditExportController,
        CompletionCertificateController,
        CompletionBundleController,
        CheckpointsController,
        WellKnownKeysController,
        OnboardingsController,
        OnboardingStepsController,
        TaskEvidenceController,
        StepProposalsController,
        OverviewController,
        ...AGREEMENT_CONTROLLERS,
        ...ROLLOUT_PLANNING_CONTROLLERS,
        ...PROTECTION_CONTROLLERS,
        ...INVENTORY_CONTROLLERS,
        ...SIGNATURE_CONTROLLERS,
        ...DOMAIN_CONFIRMATION_CONTROLLERS,
        IncidentsController,
        IncidentEscalationsController,
        PeacetimeTasksController,
        IncidentReportController,
        ConversationsController,
        EvidenceController,
        IncidentReviewController,
        NotificationPreferencesController,
        NotificationChannelsController,
        ...(embedded ? [DevMailboxController] : []),
      ],
      providers: [
        JwtStrategy,
        AccessTokenService,
        DemoSeeder,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: CanGuard },
        // Last of the guards: after authentication, before the pipes (see the guard).
        { provide: APP_GUARD, useClass: UnrepresentableInputGuard },
        { provide: APP_FILTER, useValue: new AllExceptionsFilter(ERROR_STATUS) },
      ],
    };
  }
}
