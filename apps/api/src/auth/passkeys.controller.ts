import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AccessScope,
  PasskeyService,
  PasskeySignInService,
  PasskeyView,
  StepUpService,
} from '@app/identity';
import { RateLimited } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import { uuidParam } from '../common/uuid-param';
import { AccessTokenService } from './access-token.service';
import { CurrentScope } from './current-scope.decorator';
import { AccessTokenDto } from './login.dto';
import { AddPasskeyDto, PasskeyAssertionDto } from './passkeys.dto';
import { Public } from './public.decorator';
import { requestMeta } from './request-meta';

/**
 * Passkeys (WebAuthn) through the API: the caller's own, listed, added (options, then the
 * browser's answer), removed; the step-up challenge that signing and response-action decisions
 * take in their `passkey` field; and the second sign-in step answering the challenge that
 * POST /api/auth/login's MFA_REQUIRED carried.
 */
@ApiTags('auth')
@Controller('api')
export class PasskeysController {
  constructor(
    private readonly passkeys: PasskeyService,
    private readonly stepUp: StepUpService,
    private readonly passkeySignIns: PasskeySignInService,
    private readonly tokens: AccessTokenService,
  ) {}

  @Public()
  @Post('auth/passkey/options')
  @HttpCode(200)
  @RateLimited({
    bucket: 'passkey-options',
    limit: (config) => config.confirmAttemptsPerMinute,
    windowSeconds: 60,
  })
  @ApiOperation({
    summary:
      'Sign in with a passkey alone: options for navigator.credentials.get() (any discoverable passkey of this site, user verification required; 5 minutes, single use); answer at POST /api/auth/login/passkey',
  })
  passwordlessOptions() {
    return this.passkeySignIns.passwordlessOptions();
  }

  @Public()
  @Post('auth/login/passkey')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in with a passkey: the assertion answering the challenge of the MFA_REQUIRED answer (details.passkeyOptions: the second step) or of POST /api/auth/passkey/options (a passkey alone); single use, 5 minutes; answers a bearer token',
  })
  async login(
    @Body() body: PasskeyAssertionDto,
    @Req() request: FastifyRequest,
  ): Promise<AccessTokenDto> {
    const user = await this.passkeySignIns.signIn(body.passkey, requestMeta(request));
    return this.tokens.issue(user, requestMeta(request));
  }

  @Get('me/passkeys')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Your passkeys: id, name, added, last used' })
  async list(@CurrentScope() scope: AccessScope): Promise<{ items: PasskeyView[] }> {
    return { items: await this.passkeys.list(scope.userId) };
  }

  @Post('me/passkeys/options')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Start adding a passkey: options for navigator.credentials.create() (a challenge for 5 minutes, single use)',
  })
  registrationOptions(@CurrentScope() scope: AccessScope) {
    return this.passkeys.registrationOptions(scope);
  }

  @Post('me/passkeys')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Add a passkey under a name: the attestation answering the options (400 naming name or passkey)',
  })
  add(@CurrentScope() scope: AccessScope, @Body() body: AddPasskeyDto): Promise<PasskeyView> {
    return this.passkeys.register(scope, body.name, body.passkey);
  }

  @Delete('me/passkeys/:id')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Remove one of your passkeys (audited; another person’s answers 404)' })
  @ApiNoContentResponse()
  async remove(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) passkeyId: string,
  ): Promise<void> {
    await this.passkeys.remove(scope, passkeyId);
  }

  @Post('me/passkeys/step-up')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'A step-up challenge (options for navigator.credentials.get()) whose assertion goes in the `passkey` field of signing or deciding a response action (409 without passkeys)',
  })
  stepUpOptions(@CurrentScope() scope: AccessScope) {
    return this.stepUp.challenge(scope);
  }
}
