import { Body, Post, Req, Res, UseGuards } from '@nestjs/common';
import { PasskeySignInService } from '@app/identity';
import { DomainException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../auth/request-meta';
import { PortalController } from '../controllers/portal-controller.decorator';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalSignIn } from '../session/portal-sign-in.service';
import { PasskeySignInForm } from './passkey.forms';

/**
 * The passkey as the second sign-in step: the sign-in page, after the right password of an
 * account with passkeys, carries a challenge for that account; /static/passkeys.js answers it
 * here. Kept apart from SignInController so the password step stays as it is.
 */
@PortalController()
export class PasskeySignInController {
  constructor(
    private readonly passkeySignIns: PasskeySignInService,
    private readonly signIns: PortalSignIn,
    private readonly renderer: PortalRenderer,
  ) {}

  @Post('login/passkey')
  @UseGuards(CsrfGuard)
  async signIn(@Body() form: PasskeySignInForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const user = await this.passkeySignIns.signIn(form.passkey ?? '', requestMeta(request));
      await this.signIns.start(request, user);
    } catch (error: unknown) {
      if (!(error instanceof DomainException) || !['INVALID_CREDENTIALS', 'VALIDATION_FAILED'].includes(error.code)) throw error;
      await this.renderer.render(request, reply, 'login', { email: (form.email ?? '').trim(), errorKey: 'login.passkeyFailed' }, { titleKey: 'login.title', section: 'login', status: 401, viewer: null, returnTo: '/login' });
      return;
    }
    await reply.redirect('/', 303);
  }
}
