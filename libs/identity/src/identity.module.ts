import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotifyModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { ApiKeyAuthenticator } from './api-keys/api-key-authenticator';
import { ApiKeyService } from './api-keys/api-key.service';
import { IDENTITY_ENTITIES } from './entities';
import { MfaRequirementService } from './mfa/mfa-requirement.service';
import { OrganisationMfaPolicyService } from './mfa/organisation-mfa-policy.service';
import { TotpService } from './mfa/totp.service';
import { PasskeyService } from './passkeys/passkey.service';
import { PasskeySignInService } from './passkeys/passkey-sign-in.service';
import { StepUpService } from './step-up/step-up.service';
import { EngagementService } from './services/engagement.service';
import { LoginService } from './services/login.service';
import { LoginThrottle } from './services/login-throttle';
import { OneTimeTokenService } from './services/one-time-token.service';
import { OrganisationService } from './services/organisation.service';
import { PasswordPolicy } from './services/password-policy';
import { PasswordService } from './services/password.service';
import { PasswordResetService } from './services/password-reset.service';
import { PreferencesService } from './services/preferences.service';
import { ReaderZones } from './services/reader-zones.service';
import { ScopeService } from './services/scope.service';
import { GrantCache } from './services/grant-cache';
import { UserAccessService } from './services/user-access.service';
import { UserCredentialsService } from './services/user-credentials.service';
import { UserService } from './services/user.service';
import { UserSessionsService } from './services/user-sessions.service';
import { OidcClientSecrets } from './sso/oidc-client-secrets';
import { OidcSignInService } from './sso/oidc-sign-in.service';
import { SsoDirectory } from './sso/sso-directory';
import { SsoSettingsService } from './sso/sso-settings.service';

const SERVICES = [
  TotpService,
  MfaRequirementService,
  OrganisationMfaPolicyService,
  PasskeyService,
  PasskeySignInService,
  StepUpService,
  ApiKeyAuthenticator,
  ApiKeyService,
  EngagementService,
  LoginService,
  LoginThrottle,
  OneTimeTokenService,
  OrganisationService,
  PasswordPolicy,
  PasswordService,
  PasswordResetService,
  PreferencesService,
  ReaderZones,
  ScopeService,
  GrantCache,
  UserAccessService,
  UserCredentialsService,
  UserService,
  UserSessionsService,
  OidcClientSecrets,
  OidcSignInService,
  SsoDirectory,
  SsoSettingsService,
];

@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES), NotifyModule, ClockModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class IdentityModule {}
