import { Body, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  Language,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PASSWORD_RESET_TTL_SECONDS,
  PasswordRefusedException,
  PasswordResetService,
} from '@app/identity';
import { DomainException, RateLimited } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { passwordResetKey } from '../../auth/password-reset-key';
import { requestMeta } from '../../auth/request-meta';
import { ForgotPasswordForm } from './forgot-password.form';
import { passwordPolicyKey, passwordProblem } from '../forms/password-problem';
import { SetPasswordForm, SetPasswordQuery } from './set-password.form';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalController } from '../kit/portal-controller.decorator';

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}$/;

/**
 * "Forgot password" and its link. Asking answers one page whatever the address; unknown, used
 * and expired links get one page too. A new password ends every session of the person.
 */
@PortalController()
export class PasswordResetController {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('forgot-password')
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.renderer.render(
      request,
      reply,
      'sign-in/forgot-password',
      { sent: false },
      { titleKey: 'passwordReset.forgotTitle' },
    );
  }

  @Post('forgot-password')
  @RateLimited({
    bucket: 'password-reset',
    limit: () => 5,
    windowSeconds: 3600,
    key: passwordResetKey,
  })
  @UseGuards(CsrfGuard)
  async ask(
    @Body() form: ForgotPasswordForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const email = (form.email ?? '').trim();
    try {
      if (EMAIL.test(email)) await this.resets.request(email, requestMeta(request));
    } catch (error: unknown) {
      if (!(error instanceof DomainException) || error.code !== 'PASSWORD_SIGN_IN_DISABLED')
        throw error;
      await this.renderer.render(
        request,
        reply,
        'sign-in/forgot-password',
        { sent: false, errorKey: 'signInSso.passwordsOff' },
        { titleKey: 'passwordReset.forgotTitle', status: 403 },
      );
      return;
    }
    await this.renderer.render(
      request,
      reply,
      'sign-in/forgot-password',
      { sent: true, minutes: PASSWORD_RESET_TTL_SECONDS / 60 },
      { titleKey: 'passwordReset.forgotTitle' },
    );
  }

  @Get('reset-password')
  async resetForm(
    @Query() query: SetPasswordQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = query.token ?? '';
    const recipient = token ? await this.resets.recipientOf(token) : null;
    if (!recipient) return this.invalid(request, reply);
    await this.page(request, reply, token, null, 200, recipient);
  }

  @Post('reset-password')
  @UseGuards(CsrfGuard)
  async reset(
    @Body() form: SetPasswordForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = form.token ?? '';
    const password = form.password ?? '';
    const problem = token ? passwordProblem(password, form.confirmation ?? '') : null;
    const recipient = token ? await this.resets.recipientOf(token) : null;
    if (problem) return this.page(request, reply, token, problem, 400, recipient);
    try {
      await this.resets.reset(token, password, requestMeta(request));
    } catch (error: unknown) {
      if (error instanceof PasswordRefusedException)
        return this.page(request, reply, token, passwordPolicyKey(error.problem), 400, recipient);
      if (error instanceof DomainException && error.code === 'LINK_INVALID')
        return this.invalid(request, reply);
      if (error instanceof DomainException && error.code === 'PASSWORD_SIGN_IN_DISABLED')
        return this.page(request, reply, token, 'signInSso.passwordsOff', 403, recipient);
      throw error;
    }
    await this.renderer.render(
      request,
      reply,
      'sign-in/reset-password-done',
      {},
      { titleKey: 'passwordReset.doneTitle', recipient },
    );
  }

  private page(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    errorKey: string | null,
    status: number,
    recipient: { language: Language; timeZone: string } | null,
  ): Promise<void> {
    return this.renderer.render(
      request,
      reply,
      'sign-in/reset-password',
      { token, errorKey, minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH },
      // The link's owner reads it in their language unless they chose another here.
      {
        titleKey: 'passwordReset.title',
        status,
        recipient,
        returnTo: `/reset-password?token=${encodeURIComponent(token)}`,
      },
    );
  }

  private invalid(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.renderer.render(
      request,
      reply,
      'sign-in/reset-password-invalid',
      {},
      { titleKey: 'passwordReset.invalidTitle', status: 400, returnTo: '/forgot-password' },
    );
  }
}
