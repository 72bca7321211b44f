import { Body, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { TotpEnrolment, TotpService, unusedRecoveryCodes } from '@app/identity';
import { TransactionRunner } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TotpCodeForm } from './mfa.forms';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { setFlash } from '../session/flash';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { refusedByCode } from '../kit/refused-by-code';
import { submitForm } from '../kit/submit-form';

interface MfaPage {
  enrolment?: TotpEnrolment | null;
  recoveryCodes?: string[] | null;
  problemKey?: string | null;
}

/**
 * The signed-in person's authenticator app: set up with a QR code, recovery codes shown once,
 * removed. Also the one page a session that must first set up a second factor reaches (MFA policy).
 */
@PortalController()
export class MfaPageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly totp: TotpService,
    private readonly tx: TransactionRunner,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('account/mfa')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.requireForEnrolment(request);
    await this.render(request, reply, viewer, {}, 200);
  }

  @Post('account/mfa/start')
  @UseGuards(CsrfGuard)
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.requireForEnrolment(request);
    const enrolment = await this.totp.startEnrolment(viewer.scope);
    await this.render(request, reply, viewer, { enrolment }, 200);
  }

  @Post('account/mfa/confirm')
  @UseGuards(CsrfGuard)
  async confirm(
    @Body() form: TotpCodeForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.requireForEnrolment(request);
    await submitForm(() => this.totp.confirmEnrolment(viewer.scope, form.code ?? ''), {
      reads: refusedByCode<{ newSecret: boolean }>({
        VALIDATION_FAILED: () => ({ problem: { newSecret: true }, status: 400 }),
        MFA_NOT_STARTED: () => ({ problem: { newSecret: false }, status: 400 }),
      }),
      refused: async ({ newSecret }, status) => {
        // A wrong code: a fresh secret to scan, so a secret is never shown twice.
        const enrolment = newSecret ? await this.totp.startEnrolment(viewer.scope) : null;
        await this.render(
          request,
          reply,
          viewer,
          { enrolment, problemKey: 'mfa.wrongCode' },
          status,
        );
      },
      done: (recoveryCodes) => this.render(request, reply, viewer, { recoveryCodes }, 200),
    });
  }

  @Post('account/mfa/disable')
  @UseGuards(CsrfGuard)
  async disable(
    @Body() form: TotpCodeForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    await submitForm(() => this.totp.disable(viewer.scope, form.code ?? ''), {
      reads: refusedByCode<string>({
        VALIDATION_FAILED: () => ({ problem: 'mfa.wrongCode', status: 400 }),
        // The MFA policy keeps the last second factor.
        MFA_LAST_FACTOR: () => ({ problem: 'mfa.lastFactor', status: 409 }),
      }),
      refused: (problemKey, status) => this.render(request, reply, viewer, { problemKey }, status),
      done: async () => {
        setFlash(request, { kind: 'success', key: 'mfaDisabled' });
        await reply.header('Cache-Control', 'no-store').redirect('/account/mfa', 303);
      },
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    page: MfaPage,
    status: number,
  ): Promise<void> {
    const enabled = await this.totp.isEnabled(viewer.userId);
    const remaining = enabled ? await unusedRecoveryCodes(this.tx.manager, viewer.userId) : 0;
    await this.renderer.render(
      request,
      reply,
      'account/mfa',
      // mustEnrol: the MFA policy sent them here; every other page waits until the app is on.
      {
        enabled,
        remaining,
        mustEnrol: viewer.scope.mfaEnrolmentRequired && !enabled,
        enrolment: page.enrolment ?? null,
        recoveryCodes: page.recoveryCodes ?? null,
        problemKey: page.problemKey ?? null,
      },
      { titleKey: 'mfa.title', status, viewer },
    );
  }
}
