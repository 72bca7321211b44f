import { Module } from '@nestjs/common';
import { DomainConfirmationModule } from '@app/authorisation';
import { IdentityModule } from '@app/identity';
import { NotifyModule } from '@app/notify';
import { WorkflowModule } from '@app/workflow';
import { AGREEMENTS_MODULE } from '../agreements';
import { ConfirmPagesController } from './controllers/confirm.controller';
import { DocumentPagesController } from './controllers/documents.controller';
import { DomainConfirmationPagesController } from './controllers/domain-confirmations.controller';
import { HomeController } from './controllers/home.controller';
import { LanguageController } from './controllers/language.controller';
import { MailboxController } from './controllers/mailbox.controller';
import { OnboardingPagesController } from './controllers/onboardings.controller';
import { SetPasswordController } from './controllers/set-password.controller';
import { SignInController } from './controllers/sign-in.controller';
import { PortalExceptionFilter } from './errors/portal-exception.filter';
import { DocumentPageService } from './documents/document-page.service';
import { HomeViewService } from './home/home-view.service';
import { OnboardingPageService } from './onboarding/onboarding-page.service';
import { PortalRenderer } from './rendering/portal-renderer.service';
import { CsrfGuard } from './session/csrf.guard';
import { PortalViewerService } from './session/portal-viewer.service';

/**
 * The server-rendered portal pages. configurePortal() registers the view engine and static
 * files on Fastify; this module holds the pages' controllers and the services behind them.
 */
@Module({
  imports: [IdentityModule, NotifyModule, WorkflowModule, AGREEMENTS_MODULE, DomainConfirmationModule],
  controllers: [
    SignInController,
    LanguageController,
    HomeController,
    OnboardingPagesController,
    DocumentPagesController,
    MailboxController,
    SetPasswordController,
    ConfirmPagesController,
    DomainConfirmationPagesController,
  ],
  providers: [
    PortalViewerService,
    PortalRenderer,
    HomeViewService,
    OnboardingPageService,
    DocumentPageService,
    CsrfGuard,
    PortalExceptionFilter,
  ],
})
export class PortalModule {}
