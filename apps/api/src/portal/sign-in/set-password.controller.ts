import { Body, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  OneTimeTokenService,
  SET_PASSWORD_PURPOSE,
  UserCredentialsService,
} from '@app/identity';
import { TransactionRunner } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../auth/request-meta';
import { passwordProblem } from '../forms/password-problem';
import { SetPasswordForm, SetPasswordQuery } from './set-password.form';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalController } from '../kit/portal-controller.decorator';
import { submitForm } from '../kit/submit-form';
import { newPasswordRefusal } from './new-password-refusal';

/**
 * The invitation link from the welcome mail. Unknown, expired and used tokens get one and the
 * same page, so the page never tells whether a token ever existed. A password the policy
 * refuses re-renders the form with the reason in the reader's language.
 */
@PortalController()
export class SetPasswordController {
  constructor(
    private readonly credentials: UserCredentialsService,
    private readonly tokens: OneTimeTokenService,
    private readonly tx: TransactionRunner,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('set-password')
  async form(
    @Query() query: SetPasswordQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = query.token ?? '';
    const usable = token
      ? await this.tokens.findUsable(this.tx.manager, SET_PASSWORD_PURPOSE, token)
      : null;
    if (!usable) {
      await this.invalid(request, reply);
      return;
    }
    await this.page(request, reply, token, null, 200);
  }

  @Post('set-password')
  @UseGuards(CsrfGuard)
  async submit(
    @Body() form: SetPasswordForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = form.token ?? '';
    const password = form.password ?? '';
    const problem = token ? passwordProblem(password, form.confirmation ?? '') : null;
    if (problem) {
      await this.page(request, reply, token, problem, 400);
      return;
    }
    const { ip, userAgent } = requestMeta(request);
    await submitForm(
      () => this.credentials.setPasswordWithToken(token, password, { ip, userAgent }),
      {
        reads: newPasswordRefusal({ passwordsOff: false }),
        refused: (errorKey, status) =>
          errorKey === null
            ? this.invalid(request, reply)
            : this.page(request, reply, token, errorKey, status),
        done: () =>
          this.renderer.render(
            request,
            reply,
            'sign-in/set-password-done',
            {},
            {
              titleKey: 'setPassword.doneTitle',
            },
          ),
      },
    );
  }

  private page(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    errorKey: string | null,
    status: number,
  ): Promise<void> {
    return this.renderer.render(
      request,
      reply,
      'sign-in/set-password',
      { token, errorKey, minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH },
      {
        titleKey: 'setPassword.title',
        status,
        // The language switch must come back to the link itself, token included.
        returnTo: `/set-password?token=${encodeURIComponent(token)}`,
      },
    );
  }

  private invalid(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.renderer.render(
      request,
      reply,
      'sign-in/set-password-invalid',
      {},
      {
        titleKey: 'setPassword.invalidTitle',
        status: 400,
        returnTo: '/set-password',
      },
    );
  }
}
