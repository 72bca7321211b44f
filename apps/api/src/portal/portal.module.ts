import { ConversationPagesController } from './conversations/conversation-pages.controller';
import { ConversationPageService } from './conversations/conversation-page.service';
import { Module } from '@nestjs/common';
import {
  CompletionBundleModule,
  CompletionCertificateModule,
  DomainConfirmationModule,
  SignaturesModule,
} from '@app/authorisation';
import { IncidentsModule } from '@app/incidents';
import { IdentityModule } from '@app/identity';
import { ClockModule } from '@app/platform';
import { NotifyModule } from '@app/notify';
import { NotificationsModule } from '@app/collaboration';
import { WorkflowModule } from '@app/workflow';
import { ProtectionModule, RolloutInventoryModule } from '@app/rollout';
import { AGREEMENTS_MODULE } from '../agreements';
import { ROLLOUT_PLANNING_MODULE } from '../rollout/planning';
import {
  CalendarModule,
  ConversationsModule,
  EvidenceModule,
  ReadinessModule,
} from '@app/collaboration';
import { EvidencePagesController } from './evidence/evidence-pages.controller';
import { EvidencePageService } from './evidence/evidence-page.service';
import { CalendarFeedController } from './calendar/calendar-feed.controller';
import { CalendarPageController } from './calendar/calendar-page.controller';
import { ReadinessPageController } from './readiness/readiness-page.controller';
import { ChangePasswordController } from './account/change-password.controller';
import { ApiKeysPageController } from './account/api-keys-page.controller';
import { SessionsPageController } from './account/sessions-page.controller';
import { MfaPageController } from './account/mfa-page.controller';
import { MfaPolicyPageController } from './mfa-policy/mfa-policy-page.controller';
import { MfaPolicyPageService } from './mfa-policy/mfa-policy-page.service';
import { PasskeySignInController } from './passkeys/passkey-sign-in.controller';
import { PasskeysPageController } from './passkeys/passkeys-page.controller';
import { PasskeysPageService } from './passkeys/passkeys-page.service';
import { PortalSignIn } from './session/portal-sign-in.service';
import { NotificationPreferencesPageController } from './notifications/notification-preferences-page.controller';
import { NotificationChannelsPageController } from './notifications/notification-channels-page.controller';
import { PasswordResetController } from './sign-in/password-reset.controller';
import { CompletionCertificatePageController } from './proof/completion-certificate-page.controller';
import { ProofPagesController } from './proof/proof-pages.controller';
import { ConfirmPagesController } from './domain-confirmations/confirm.controller';
import { IncidentActionLinkController } from './incidents/incident-action-link.controller';
import { IncidentPagesController } from './incidents/incident-pages.controller';
import { IncidentPageResponder } from './incidents/incident-page-responder.service';
import { IncidentQueuePagesController } from './incidents/incident-queue-pages.controller';
import { IncidentResponsePagesController } from './incidents/incident-response-pages.controller';
import { DocumentPagesController } from './documents/documents.controller';
import { DomainConfirmationPagesController } from './domain-confirmations/domain-confirmations.controller';
import { HomeController } from './home/home.controller';
import { InventoryDecisionsPageController } from './inventory/inventory-decisions-page.controller';
import { InventoryPageController } from './inventory/inventory-page.controller';
import { InventoryProductsPageController } from './inventory/inventory-products-page.controller';
import { AccountController } from './account/account.controller';
import { LanguageController } from './sign-in/language.controller';
import { MailboxController } from './mailbox/mailbox.controller';
import { ProtectionPagesController } from './protection/protection-pages.controller';
import { RoutingPageController } from './protection/routing-page.controller';
import { PhasesPagesController } from './phases/phases-pages.controller';
import { PlanningPagesController } from './planning/planning-pages.controller';
import { DeploymentPagesController } from './deployment/deployment-pages.controller';
import { OnboardingPagesController } from './onboarding/onboardings.controller';
import { OverviewPageController } from './overview/overview-page.controller';
import { ProposalPagesController } from './proposals/proposal-pages.controller';
import { SetPasswordController } from './sign-in/set-password.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { SigningLinkController } from './signatures/signing-link.controller';
import { SignaturePagesController } from './signatures/signatures.controller';
import { StepCompletionPagesController } from './onboarding/step-completion-pages.controller';
import { SignInSsoController } from './sign-in-sso/sign-in-sso.controller';
import { SignInSsoPage } from './sign-in-sso/sign-in-sso-page.service';
import { SsoSettingsPageController } from './sign-in-sso/sso-settings-page.controller';
import { SsoSettingsPage } from './sign-in-sso/sso-settings-page.service';
import { PortalExceptionFilter } from './errors/portal-exception.filter';
import { EngagementPageLoader } from './kit/engagement-page-loader.service';
import { DocumentPageService } from './documents/document-page.service';
import { HomeViewService } from './home/home-view.service';
import { OpenIncidents } from './home/open-incidents';
import { PendingApprovals } from './home/pending-approvals';
import { IncidentPagesService } from './incidents/incident-pages.service';
import { UrgentApprovalBanner } from './incidents/urgent-approval-banner';
import { IncidentReviewSection } from './incidents/incident-review-section';
import { InventoryPageService } from './inventory/inventory-page.service';
import { ProtectionPageService } from './protection/protection-page.service';
import { OnboardingPageService } from './onboarding/onboarding-page.service';
import { PhasesPageService } from './phases/phases-page.service';
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
    ConversationsModule,
    NotificationsModule,
    CalendarModule,
    ReadinessModule,
    EvidenceModule,
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
    EvidencePagesController,
    ProposalPagesController,
    DocumentPagesController,
    ConversationPagesController,
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
    PasskeysPageController,
    PasskeySignInController,
    NotificationPreferencesPageController,
    NotificationChannelsPageController,
    PasswordResetController,
    SigningLinkController,
    SignaturePagesController,
    ConfirmPagesController,
    IncidentActionLinkController,
    IncidentQueuePagesController,
    IncidentPagesController,
    IncidentResponsePagesController,
    DomainConfirmationPagesController,
    OverviewPageController,
    CompletionCertificatePageController,
    ProofPagesController,
    CalendarPageController,
    CalendarFeedController,
    ReadinessPageController,
  ],
  providers: [
    PortalViewerService,
    EngagementPageLoader,
    PortalSignIn,
    SignInSsoPage,
    SsoSettingsPage,
    PortalRenderer,
    HomeViewService,
    OnboardingPageService,
    EvidencePageService,
    ConversationPageService,
    ProposalPageService,
    DocumentPageService,
    ProtectionPageService,
    PlanningPageService,
    PhasesPageService,
    PlanningPageKit,
    InventoryPageService,
    OverviewPageService,
    IncidentPagesService,
    IncidentPageResponder,
    UrgentApprovalBanner,
    IncidentReviewSection,
    PendingApprovals,
    OpenIncidents,
    MfaPolicyPageService,
    PasskeysPageService,
    CsrfGuard,
    PortalExceptionFilter,
  ],
})
export class PortalModule {}
