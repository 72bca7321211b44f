import { Module } from '@nestjs/common';
import { CompletionBundleModule, CompletionCertificateModule, DomainConfirmationModule, SignaturesModule } from '@app/authorisation';
import { IncidentsModule } from '@app/incidents';
import { IdentityModule } from '@app/identity';
import { ClockModule } from '@app/platform';
import { NotifyModule } from '@app/notify';
import { WorkflowModule } from '@app/workflow';
import { ProtectionModule, RolloutInventoryModule } from '@app/rollout';
import { AGREEMENTS_MODULE } from '../agreements';
import { ROLLOUT_PLANNING_MODULE } from '../rollout/planning';
import { ChangePasswordController } from './controllers/change-password.controller';
import { ApiKeysPageController } from './controllers/api-keys-page.controller';
import { SessionsPageController } from './controllers/sessions-page.controller';
import { MfaPageController } from './controllers/mfa-page.controller';
import { MfaPolicyPageController } from './mfa-policy/mfa-policy-page.controller';
import { MfaPolicyPageService } from './mfa-policy/mfa-policy-page.service';
import { PortalSignIn } from './session/portal-sign-in.service';
import { PasswordResetController } from './controllers/password-reset.controller';
import { CompletionCertificatePageController } from './controllers/completion-certificate-page.controller';
import { ProofPagesController } from './controllers/proof-pages.controller';
import { ConfirmPagesController } from './controllers/confirm.controller';
import { IncidentActionLinkController } from './controllers/incident-action-link.controller';
import { IncidentPagesController } from './controllers/incident-pages.controller';
import { DocumentPagesController } from './controllers/documents.controller';
import { DomainConfirmationPagesController } from './controllers/domain-confirmations.controller';
import { HomeController } from './controllers/home.controller';
import { InventoryDecisionsPageController } from './controllers/inventory-decisions-page.controller';
import { InventoryPageController } from './controllers/inventory-page.controller';
import { InventoryProductsPageController } from './controllers/inventory-products-page.controller';
import { AccountController } from './controllers/account.controller';
import { LanguageController } from './controllers/language.controller';
import { MailboxController } from './controllers/mailbox.controller';
import { ProtectionPagesController } from './controllers/protection-pages.controller';
import { RoutingPageController } from './controllers/routing-page.controller';
import { PhasesPagesController } from './controllers/phases-pages.controller';
import { PlanningPagesController } from './controllers/planning-pages.controller';
import { DeploymentPagesController } from './controllers/deployment-pages.controller';
import { OnboardingPagesController } from './controllers/onboardings.controller';
import { OverviewPageController } from './controllers/overview-page.controller';
import { ProposalPagesController } from './controllers/proposal-pages.controller';
import { SetPasswordController } from './controllers/set-password.controller';
import { SignInController } from './controllers/sign-in.controller';
import { SignInSsoController } from './sign-in-sso/sign-in-sso.controller';
import { SignInSsoPage } from './sign-in-sso/sign-in-sso-page.service';
import { SsoSettingsPageController } from './sign-in-sso/sso-settings-page.controller';
import { SsoSettingsPage } from './sign-in-sso/sso-settings-page.service';
import { SigningLinkController } from './controllers/signing-link.controller';
import { SignaturePagesController } from './controllers/signatures.controller';
import { StepCompletionPagesController } from './controllers/step-completion-pages.controller';
import { PortalExceptionFilter } from './errors/portal-exception.filter';
import { DocumentPageService } from './documents/document-page.service';
import { HomeViewService } from './home/home-view.service';
import { PendingApprovals } from './home/pending-approvals';
import { IncidentPagesService } from './incidents/incident-pages.service';
import { InventoryPageService } from './inventory/inventory-page.service';
import { ProtectionPageService } from './protection/protection-page.service';
import { OnboardingPageService } from './onboarding/onboarding-page.service';
import { PhasesPageService } from './planning/phases-page.service';
import { PlanningPageKit } from './planning/planning-page-kit';
import { PlanningPageService } from './planning/planning-page.service';
import { OverviewPageService } from './overview/overview-page.service';
import { ProposalPageService } from './proposals/proposal-page.service';
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
    CompletionBundleModule,
    ProtectionModule,
    IncidentsModule,
    ROLLOUT_PLANNING_MODULE,
    ClockModule,
    RolloutInventoryModule,
  ],
  controllers: [
    SignInController,
    SignInSsoController,
    SsoSettingsPageController,
    LanguageController,
    AccountController,
    HomeController,
    OnboardingPagesController,
    StepCompletionPagesController,
    ProposalPagesController,
    DocumentPagesController,
    ProtectionPagesController,
    RoutingPageController,
    PlanningPagesController,
    DeploymentPagesController,
    PhasesPagesController,
    InventoryPageController,
    InventoryDecisionsPageController,
    InventoryProductsPageController,
    MailboxController,
    SetPasswordController,
    ChangePasswordController,
    ApiKeysPageController,
    SessionsPageController,
    MfaPageController,
    MfaPolicyPageController,
    PasswordResetController,
    SigningLinkController,
    SignaturePagesController,
    ConfirmPagesController,
    IncidentActionLinkController,
    IncidentPagesController,
    DomainConfirmationPagesController,
    OverviewPageController,
    CompletionCertificatePageController,
    ProofPagesController,
  ],
  providers: [
    PortalViewerService,
    PortalSignIn,
    SignInSsoPage,
    SsoSettingsPage,
    PortalRenderer,
    HomeViewService,
    OnboardingPageService,
    ProposalPageService,
    DocumentPageService,
    ProtectionPageService,
    PlanningPageService,
    PhasesPageService,
    PlanningPageKit,
    InventoryPageService,
    OverviewPageService,
    IncidentPagesService,
    PendingApprovals,
    MfaPolicyPageService,
    CsrfGuard,
    PortalExceptionFilter,
  ],
})
export class PortalModule {}
