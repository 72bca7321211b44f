import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { CompletionCertificateModule, DomainConfirmationModule, SignaturesModule } from '@app/authorisation';
import { IdentityModule } from '@app/identity';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { NotifyModule } from '@app/notify';
import { WorkflowModule } from '@app/workflow';
import { ProtectionModule } from '@app/rollout';
import { AGREEMENTS_MODULE } from '../agreements';
import { CompletionCertificatePageController } from './controllers/completion-certificate-page.controller';
import { ConfirmPagesController } from './controllers/confirm.controller';
import { DocumentPagesController } from './controllers/documents.controller';
import { DomainConfirmationPagesController } from './controllers/domain-confirmations.controller';
import { HomeController } from './controllers/home.controller';
import { LanguageController } from './controllers/language.controller';
import { MailboxController } from './controllers/mailbox.controller';
import { ProtectionPagesController } from './controllers/protection-pages.controller';
import { RoutingPageController } from './controllers/routing-page.controller';
import { OnboardingPagesController } from './controllers/onboardings.controller';
import { OverviewPageController } from './controllers/overview-page.controller';
import { SetPasswordController } from './controllers/set-password.controller';
import { SignInController } from './controllers/sign-in.controller';
import { SigningLinkController } from './controllers/signing-link.controller';
import { SignaturePagesController } from './controllers/signatures.controller';
import { PortalExceptionFilter } from './errors/portal-exception.filter';
import { DocumentPageService } from './documents/document-page.service';
import { HomeViewService } from './home/home-view.service';
import { ProtectionPageService } from './protection/protection-page.service';
import { OnboardingPageService } from './onboarding/onboarding-page.service';
import { OverviewPageService } from './overview/overview-page.service';
import { PortalRenderer } from './rendering/portal-renderer.service';
import { CsrfGuard } from './session/csrf.guard';
import { PortalViewerService } from './session/portal-viewer.service';

/**
 * The server-rendered portal pages. configurePortal() registers the view engine and static
 * files on Fastify; this module holds the pages' controllers and the services behind them.
 */
@Module({
  imports: [
    IdentityModule,
    NotifyModule,
    WorkflowModule,
    AGREEMENTS_MODULE,
    SignaturesModule,
    DomainConfirmationModule,
    CompletionCertificateModule,
    ProtectionModule,
    // Only the public signing-link pages use the throttler guard (per IP, in memory per process).
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => [{ ttl: 60_000, limit: config.signingLinkRateLimit }],
    }),
  ],
  controllers: [
    SignInController,
    LanguageController,
    HomeController,
    OnboardingPagesController,
    DocumentPagesController,
    ProtectionPagesController,
    RoutingPageController,
    MailboxController,
    SetPasswordController,
    SigningLinkController,
    SignaturePagesController,
    ConfirmPagesController,
    DomainConfirmationPagesController,
    OverviewPageController,
    CompletionCertificatePageController,
  ],
  providers: [
    PortalViewerService,
    PortalRenderer,
    HomeViewService,
    OnboardingPageService,
    DocumentPageService,
    ProtectionPageService,
    OverviewPageService,
    CsrfGuard,
    PortalExceptionFilter,
  ],
})
export class PortalModule {}
