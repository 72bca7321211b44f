import { Body, Post, Req, Res, UseGuards } from '@nestjs/common';
import { PasskeySignInService } from '@app/identity';
import { RateLimited } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../auth/request-meta';
import { PortalController } from '../kit/portal-controller.decorator';
import { refusedByCode } from '../kit/refused-by-code';
import { submitForm } from '../kit/submit-form';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalSignIn } from '../session/portal-sign-in.service';
import { PasskeySignInForm } from './passkey.forms';

/**
 * Signing in with a passkey, kept apart from SignInController so the password step stays as it
 * is. As the second step: the sign-in page, after the right password of an account with
 * passkeys, carries a challenge for that account. Alone: the page's passkey button asks the
 * options route for a passwordless challenge. /static/passkeys.js answers either here.
 */
@PortalController()
export class PasskeySignInController {
  constructor(
    private readonly passkeySignIns: PasskeySignInService,
    private readonly signIns: PortalSignIn,
    private readonly renderer: PortalRenderer,
  ) {}

  /** A passwordless challenge, as JSON; limited per address like the other unauthenticated forms. */
  @Post('login/passkey/options')
  @UseGuards(CsrfGuard)
  @RateLimited({
    bucket: 'passkey-options',
    limit: (config) => config.confirmAttemptsPerMinute,
    windowSeconds: 60,
  })
  async options(@Res() reply: FastifyReply): Promise<void> {
    await reply
      .header('Cache-Control', 'no-store')
      .type('application/json')
      .send(await this.passkeySignIns.passwordlessOptions());
  }

  @Post('login/passkey')
  @UseGuards(CsrfGuard)
  async signIn(
    @Body() form: PasskeySignInForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const failed = () => ({ problem: 'login.passkeyFailed', status: 401 });
    await submitForm(
      async () => {
        const user = await this.passkeySignIns.signIn(form.passkey ?? '', requestMeta(request));
        await this.signIns.start(request, user);
      },
      {
        reads: refusedByCode({ INVALID_CREDENTIALS: failed, VALIDATION_FAILED: failed }),
        refused: (errorKey, status) =>
          this.renderer.render(
            request,
            reply,
            'sign-in/login',
            { email: (form.email ?? '').trim(), errorKey },
            { titleKey: 'login.title', section: 'login', status, viewer: null, returnTo: '/login' },
          ),
        done: async () => {
          await reply.redirect('/', 303);
        },
      },
    );
  }
}
