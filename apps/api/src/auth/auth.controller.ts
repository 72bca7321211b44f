import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessScope, LoginService, OrganisationService, PASSWORD_RESET_TTL_SECONDS, PasswordResetService, PreferencesService, UserCredentialsService, UserService } from '@app/identity';
import { NotFoundException, RateLimited } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import { AccessTokenService } from './access-token.service';
import { CurrentScope } from './current-scope.decorator';
import { AccessTokenDto, ChangePasswordDto, LoginDto, PasswordResetConfirmDto, PasswordResetRequestDto } from './login.dto';
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
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a short-lived bearer token (slowed after repeated failures: 429 with Retry-After)' })
  @ApiOkResponse({ type: AccessTokenDto })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<AccessTokenDto> {
    const user = await this.logins.authenticate(body.email, body.password, request.ip ?? null);
    return this.tokens.issue({ userId: user.id, sessionVersion: user.sessionVersion });
  }

  @Public()
  @Post('auth/password-reset')
  @HttpCode(202)
  @RateLimited({ bucket: 'password-reset', limit: () => 5, windowSeconds: 3600, key: passwordResetKey })
  @ApiOperation({
    summary:
      'Forgot password: mails a single-use link (30 minutes) when the address is an active user’s. The answer is the same either way; at most 5 per address an hour (429).',
  })
  async requestPasswordReset(@Body() body: PasswordResetRequestDto, @Req() request: FastifyRequest): Promise<object> {
    await this.resets.request(body.email, requestMeta(request));
    return { message: `If this address belongs to an account, a link to choose a new password has been mailed; it works once, for ${PASSWORD_RESET_TTL_SECONDS / 60} minutes.` };
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({ summary: 'Choose a new password with the link’s token (single use; 400 when invalid or expired, or naming newPassword); every session and token of the user ends' })
  @ApiNoContentResponse()
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto, @Req() request: FastifyRequest): Promise<void> {
    await this.resets.reset(body.token, body.newPassword, requestMeta(request));
  }

  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Sign out: ends every session and token of the caller (portal sessions included), at once" })
  @ApiNoContentResponse()
  async logout(@CurrentScope() scope: AccessScope): Promise<void> {
    await this.credentials.signOut(scope);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user, their organisation and roles' })
  async me(@CurrentScope() scope: AccessScope): Promise<object> {
    const user = await this.users.view(scope.userId);
    if (!user) throw new NotFoundException('User');
    const organisation = user.organisationId
      ? await this.organisations.get(scope, user.organisationId)
      : null;
    return {
      user,
      organisation: organisation && { id: organisation.id, name: organisation.name, kind: organisation.kind },
      roles: scope.roles,
      // The zone times are shown in for this person (their choice, else their country's or organisation's).
      timeZone: scope.timeZone,
    };
  }

  @Patch('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your own language or time zone (null: follow your organisation’s zone again)' })
  @ApiOkResponse({ type: PreferencesDto })
  updateMe(@CurrentScope() scope: AccessScope, @Body() body: PreferencesDto): Promise<PreferencesDto> {
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
  async changePassword(@CurrentScope() scope: AccessScope, @Body() body: ChangePasswordDto): Promise<void> {
    await this.credentials.changePassword(scope, body.currentPassword, body.newPassword);
  }
}
