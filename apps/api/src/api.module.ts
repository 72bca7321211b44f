import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TerminusModule } from '@nestjs/terminus';
import { AuditModule } from '@app/audit';
import { DomainConfirmationModule, DomainConfirmationWorkerModule } from '@app/authorisation';
import { IdentityModule, InvitationLinksModule } from '@app/identity';
import { NotifyModule, NotifyWorkerModule } from '@app/notify';
import { WorkflowModule, WorkflowWorkerModule } from '@app/workflow';
import {
  AllExceptionsFilter,
  AppConfig,
  AppConfigModule,
  DatabaseModule,
  HealthController,
  QueueModule,
} from '@app/platform';
import { SCHEMA } from '../../../migrations/schema';
import { AGREEMENT_CONTROLLERS, AGREEMENTS_MODULE } from './agreements';
import { AuditController } from './audit/audit.controller';
import { DOMAIN_CONFIRMATION_CONTROLLERS } from './authorisation/domain-confirmation';
import { AccessTokenService } from './auth/access-token.service';
import { AuthController } from './auth/auth.controller';
import { AuthenticationGuard } from './auth/authentication.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { RolesGuard } from './auth/roles.guard';
import { DevMailboxController } from './dev/dev-mailbox.controller';
import { PingController } from './health/ping.controller';
import { EngagementsController } from './identity/engagements.controller';
import { OrganisationsController } from './identity/organisations.controller';
import { UsersController } from './identity/users.controller';
import { PortalModule } from './portal/portal.module';
import { DemoSeeder } from './seed/demo-seeder';
import { OnboardingStepsController } from './workflow/onboarding-steps.controller';
import { OnboardingsController } from './workflow/onboardings.controller';

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
        TerminusModule,
        PassportModule,
        JwtModule.register({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } }),
        AuditModule,
        IdentityModule,
        NotifyModule,
        WorkflowModule,
        // The welcome-mail handler issues set-password links (in-process in embedded mode).
        InvitationLinksModule,
        AGREEMENTS_MODULE,
        DomainConfirmationModule,
        PortalModule,
        ...(embedded ? [NotifyWorkerModule, WorkflowWorkerModule, DomainConfirmationWorkerModule] : []),
        ...extraModules,
      ],
      controllers: [
        PingController,
        HealthController,
        AuthController,
        OrganisationsController,
        EngagementsController,
        UsersController,
        AuditController,
        OnboardingsController,
        OnboardingStepsController,
        ...AGREEMENT_CONTROLLERS,
        ...DOMAIN_CONFIRMATION_CONTROLLERS,
        ...(embedded ? [DevMailboxController] : []),
      ],
      providers: [
        JwtStrategy,
        AccessTokenService,
        DemoSeeder,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
