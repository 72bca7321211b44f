import { Body, Controller, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  AccessScope,
  LoginService,
  MfaRequirementService,
  OrganisationService,
  PASSWORD_RESET_TTL_SECONDS,
  PasswordResetService,
  PreferencesService,
  UserCredentialsService,
  UserService,
  UserSessionsService,
  TotpService,
} from '@app/identity';
import { NotFoundException, RateLimited } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import { AccessTokenService } from './access-token.service';
import { CurrentScope } from './current-scope.decorator';
import { MfaEnrolmentRoute } from './mfa-enrolment-route.decorator';
import { uuidParam } from '../common/uuid-param';
import {
  AccessTokenDto,
  ChangePasswordDto,
  LoginDto,
  TotpCodeDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
} from './login.dto';
import { passwordResetKey } from './password-reset-key';
import { requestMeta } from './request-meta';
import { PreferencesDto } from './preferences.dto';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    private readonly logins: LoginService,
    private readonly tokens: AccessTokenService,
    private readonly users: UserService,
    private readonly credentials: UserCredentialsService,
    private readonly organisations: OrganisationService,
    private readonly preferences: PreferencesService,
    private readonly resets: PasswordResetService,
    private readonly sessions: UserSessionsService,
    private readonly totp: TotpService,
    private readonly mfaRequirement: MfaRequirementService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Exchange email and password for a short-lived bearer token (slowed after repeated failures: 429 with Retry-After). An account that must have a second factor and has none gets no token: 403 MFA_ENROLMENT_REQUIRED (set it up in the portal at /account/mfa)',
  })
  @ApiOkResponse({ type: AccessTokenDto })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<AccessTokenDto> {
    const user = await this.logins.signIn(
      body.email,
      body.password,
      requestMeta(request),
      body.otp ?? null,
    );
    await this.mfaRequirement.refuseUnenrolledSignIn(user, requestMeta(request), 'password');
    return this.tokens.issue(user, requestMeta(request));
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @RateLimited({
    bucket: 'password-reset',
    limit: () => 5,
    windowSeconds: 3600,
    key: passwordResetKey,
  })
  @ApiOperation({
    summary:
      'Forgot password: mails a single-use link (30 minutes) when the address is an active user’s. The answer is the same either way; at most 5 per address an hour (429).',
  })
  async requestPasswordReset(
    @Body() body: PasswordResetRequestDto,
    @Req() request: FastifyRequest,
  ) {
    await this.resets.request(body.email, requestMeta(request));
    return {
      message: `If this address belongs to an account, a link to choose a new password has been mailed; it works once, for ${PASSWORD_RESET_TTL_SECONDS / 60} minutes.`,
    };
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Choose a new password with the link’s token (single use; 400 when invalid or expired, or naming newPassword); every session and token of the user ends',
  })
  @ApiNoContentResponse()
  async confirmPasswordReset(
    @Body() body: PasswordResetConfirmDto,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.resets.reset(body.token, body.newPassword, requestMeta(request));
  }

  @Post('auth/logout')
  @MfaEnrolmentRoute()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Sign out: ends every session and token of the caller (portal sessions included), at once',
  })
  @ApiNoContentResponse()
  async logout(@CurrentScope() scope: AccessScope): Promise<void> {
    await this.credentials.signOut(scope);
  }

  @Get('me')
  @MfaEnrolmentRoute()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, their organisation and roles' })
  async me(@CurrentScope() scope: AccessScope) {
    const user = await this.users.view(scope.userId);
    if (!user) throw new NotFoundException('User');
    const organisation = user.organisationId
      ? await this.organisations.get(scope, user.organisationId)
      : null;
    return {
      user,
      organisation: organisation && {
        id: organisation.id,
        name: organisation.name,
        kind: organisation.kind,
      },
      roles: scope.roles,
      // True while this session must set up a second factor before anything else (MFA policy).
      mfaEnrolmentRequired: scope.mfaEnrolmentRequired,
      // The zone times are shown in for this person (their choice, else their country's or organisation's).
      timeZone: scope.timeZone,
    };
  }

  @Patch('me')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change your own language or time zone (null: follow your organisation’s zone again)',
  })
  @ApiOkResponse({ type: PreferencesDto })
  updateMe(
    @CurrentScope() scope: AccessScope,
    @Body() body: PreferencesDto,
  ): Promise<PreferencesDto> {
    return this.preferences.update(scope, body);
  }

  @Post('me/password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Change your password: the current one is checked (slowed like a sign-in), the new one against the policy (400 naming newPassword with the reason); every session and token ends, this one too',
  })
  @ApiNoContentResponse()
  async changePassword(
    @CurrentScope() scope: AccessScope,
    @Body() body: ChangePasswordDto,
  ): Promise<void> {
    await this.credentials.changePassword(scope, body.currentPassword, body.newPassword);
  }

  @Get('me/sessions')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Your portal sessions and bearer tokens that have not ended (where, from which address and browser, until when); `current` marks this one',
  })
  async mySessions(@CurrentScope() scope: AccessScope) {
    return { items: await this.sessions.list(scope) };
  }

  @Post('me/sessions/:id/revoke')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'End one of your sessions or tokens at once (this one too, if named); another person’s answers 404',
  })
  @ApiNoContentResponse()
  async revokeSession(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<void> {
    await this.sessions.revoke(scope, id);
  }

  @Post('me/mfa/totp')
  @MfaEnrolmentRoute()
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Start setting up an authenticator app: answers the otpauth URI, its secret and a QR code (SVG data URL); confirm with a first code',
  })
  startTotp(@CurrentScope() scope: AccessScope) {
    return this.totp.startEnrolment(scope);
  }

  @Post('me/mfa/totp/confirm')
  @MfaEnrolmentRoute()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Confirm the app with its current code: sign-ins need a code from now on; answers 10 single-use recovery codes, shown this once',
  })
  async confirmTotp(@CurrentScope() scope: AccessScope, @Body() body: TotpCodeDto) {
    return { recoveryCodes: await this.totp.confirmEnrolment(scope, body.code) };
  }

  @Post('me/mfa/totp/disable')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Remove the authenticator app and the recovery codes (a current code or a recovery code proves it is you)',
  })
  @ApiNoContentResponse()
  async disableTotp(@CurrentScope() scope: AccessScope, @Body() body: TotpCodeDto): Promise<void> {
    await this.totp.disable(scope, body.code);
  }
}
