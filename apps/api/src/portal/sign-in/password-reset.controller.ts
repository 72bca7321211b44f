import { Body, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  Language,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PASSWORD_RESET_TTL_SECONDS,
  PasswordResetService,
} from '@app/identity';
import { RateLimited } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { passwordResetKey } from '../../auth/password-reset-key';
import { requestMeta } from '../../auth/request-meta';
import { ForgotPasswordForm } from './forgot-password.form';
import { passwordProblem } from '../forms/password-problem';
import { SetPasswordForm, SetPasswordQuery } from './set-password.form';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalController } from '../kit/portal-controller.decorator';
import { refusedByCode } from '../kit/refused-by-code';
import { submitForm } from '../kit/submit-form';
import { newPasswordRefusal } from './new-password-refusal';

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
    const page = (data: object, status: number) =>
      this.renderer.render(request, reply, 'sign-in/forgot-password', data, {
        titleKey: 'passwordReset.forgotTitle',
        status,
      });
    await submitForm(
      async () => {
        if (EMAIL.test(email)) await this.resets.request(email, requestMeta(request));
      },
      {
        reads: refusedByCode<string>({
          PASSWORD_SIGN_IN_DISABLED: () => ({ problem: 'signInSso.passwordsOff', status: 403 }),
        }),
        refused: (errorKey, status) => page({ sent: false, errorKey }, status),
        done: () => page({ sent: true, minutes: PASSWORD_RESET_TTL_SECONDS / 60 }, 200),
      },
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
    await submitForm(() => this.resets.reset(token, password, requestMeta(request)), {
      reads: newPasswordRefusal({ passwordsOff: true }),
      refused: (errorKey, status) =>
        errorKey === null
          ? this.invalid(request, reply)
          : this.page(request, reply, token, errorKey, status, recipient),
      done: () =>
        this.renderer.render(
          request,
          reply,
          'sign-in/reset-password-done',
          {},
          { titleKey: 'passwordReset.doneTitle', recipient },
        ),
    });
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
