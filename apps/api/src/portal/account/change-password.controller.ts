import { Body, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  PasswordRefusedException,
  UserCredentialsService,
} from '@app/identity';
import { DomainException, ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ChangePasswordForm, ChangePasswordQuery } from './change-password.form';
import { passwordPolicyKey, passwordProblem } from '../forms/password-problem';
import { throttleMessage } from '../forms/throttle-message';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalSignIn } from '../session/portal-sign-in.service';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { Refused, submitForm } from '../kit/submit-form';

interface ChangePasswordPage {
  errorKey: string | null;
  errorParams?: { minutes?: number; seconds?: number };
  done: boolean;
}

/** How a refused change is told on the form; null for errors that are not the person's to fix. */
function changeRefusal(
  error: unknown,
): Refused<Omit<ChangePasswordPage, 'done'> & { retryAfter?: number }> | null {
  if (error instanceof PasswordRefusedException)
    return { problem: { errorKey: passwordPolicyKey(error.problem) }, status: 400 };
  if (error instanceof ValidationException)
    return { problem: { errorKey: 'account.sameAsCurrent' }, status: 400 };
  if (!(error instanceof DomainException)) return null;
  if (error.code === 'INVALID_CREDENTIALS')
    return { problem: { errorKey: 'account.wrongCurrent' }, status: 400 };
  if (error.code === 'TOO_MANY_REQUESTS') {
    const seconds = error.retryAfterSeconds ?? 60;
    return { problem: { ...throttleMessage(seconds), retryAfter: seconds }, status: 429 };
  }
  return null;
}

/**
 * The signed-in person changes their password. Every other session and API token of theirs
 * ends at once; this browser gets a fresh session under the new session version.
 */
@PortalController()
export class ChangePasswordController {
  constructor(
    private readonly credentials: UserCredentialsService,
    private readonly viewers: PortalViewerService,
    private readonly signIns: PortalSignIn,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('account/password')
  async form(
    @Query() query: ChangePasswordQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    await this.page(
      request,
      reply,
      viewer,
      { errorKey: null, done: query.done === 'changed' },
      200,
    );
  }

  @Post('account/password')
  @UseGuards(CsrfGuard)
  async change(
    @Body() form: ChangePasswordForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const current = form.currentPassword ?? '';
    const next = form.newPassword ?? '';
    const problem = current ? passwordProblem(next, form.confirmation ?? '') : 'account.required';
    if (problem) {
      await this.page(
        request,
        reply,
        viewer,
        {
          errorKey: problem === 'setPassword.required' ? 'account.required' : problem,
          done: false,
        },
        400,
      );
      return;
    }
    await submitForm(() => this.credentials.changePassword(viewer.scope, current, next), {
      reads: changeRefusal,
      refused: async ({ retryAfter, ...page }, status) => {
        if (retryAfter) reply.header('Retry-After', String(retryAfter));
        await this.page(request, reply, viewer, { ...page, done: false }, status);
      },
      done: async (sessionVersion) => {
        await this.signIns.start(request, {
          id: viewer.userId,
          organisationId: viewer.scope.organisationId,
          sessionVersion,
        });
        await reply
          .header('Cache-Control', 'no-store')
          .redirect('/account/password?done=changed', 303);
      },
    });
  }

  private page(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    page: ChangePasswordPage,
    status: number,
  ): Promise<void> {
    return this.renderer.render(
      request,
      reply,
      'account/change-password',
      { ...page, minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH },
      { titleKey: 'account.title', status, viewer, returnTo: '/account/password' },
    );
  }
}
