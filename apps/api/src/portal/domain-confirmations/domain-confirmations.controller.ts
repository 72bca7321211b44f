import { can } from '@app/access';
import { Body, Get, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { DnsCheckService, DomainConfirmationService } from '@app/authorisation';
import { APP_CONFIG, AppConfig, NotFoundException, ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  DomainConfirmationActionForm,
  SendDomainConfirmationForm,
  splitRecipients,
} from './domain-confirmation.forms';
import { refusalOf } from '../errors/refusal';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { Refused, submitForm } from '../kit/submit-form';
import { UUID } from '../kit/uuid';

const RESULTS = ['sent', 'resent', 'checked'] as const;

interface ConfirmationProblem {
  key: 'conflict' | 'invalid';
  fields: string;
  messageKey: string;
}

/** Refused input (400) or state (409) shows the page again with why; the rest goes on. */
function confirmationProblem(error: unknown): Refused<ConfirmationProblem> | null {
  const refusal = refusalOf(error);
  if (!refusal || (refusal.status !== 400 && refusal.status !== 409)) return null;
  const fields =
    error instanceof ValidationException ? error.fields.map((f) => f.field).join(', ') : '';
  const key = refusal.status === 409 ? 'conflict' : 'invalid';
  return { problem: { key, fields, messageKey: refusal.messageKey }, status: refusal.status };
}

function assertId(id: string): void {
  if (!UUID.test(id)) throw new NotFoundException('Onboarding');
}

/**
 * The provider's page for the domain-permission email of one onboarding: send to the customer's
 * addresses, resend, run the DNS TXT check, and see each recipient's state. Forms post with
 * CSRF and answer 303 back here; refused input re-renders the page with the reason.
 */
@PortalController()
export class DomainConfirmationPagesController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly confirmations: DomainConfirmationService,
    private readonly dns: DnsCheckService,
    private readonly renderer: PortalRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('onboardings/:id/domain-confirmations')
  async show(
    @Param('id') id: string,
    @Query('result') result: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    assertId(id);
    const viewer = await this.viewers.require(request);
    const done = RESULTS.find((r) => r === result) ?? null;
    await this.page(request, reply, viewer, id, { done, error: null, recipients: '' }, 200);
  }

  @Post('onboardings/:id/domain-confirmations')
  @UseGuards(CsrfGuard)
  async send(
    @Param('id') id: string,
    @Body() form: SendDomainConfirmationForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    assertId(id);
    const viewer = await this.viewers.require(request);
    await this.act(request, reply, viewer, id, 'sent', form.recipients ?? '', () =>
      this.confirmations.send(
        viewer.scope,
        id,
        splitRecipients(form.recipients),
        this.config.publicUrl,
      ),
    );
  }

  @Post('onboardings/:id/domain-confirmations/dns-check')
  @UseGuards(CsrfGuard)
  async dnsCheck(
    @Param('id') id: string,
    @Body() _form: DomainConfirmationActionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    assertId(id);
    const viewer = await this.viewers.require(request);
    await this.act(request, reply, viewer, id, 'checked', '', () =>
      this.dns.check(viewer.scope, id),
    );
  }

  @Post('onboardings/:id/domain-confirmations/:confirmationId/resend')
  @UseGuards(CsrfGuard)
  async resend(
    @Param('id') id: string,
    @Param('confirmationId') confirmationId: string,
    @Body() _form: DomainConfirmationActionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    assertId(id);
    if (!UUID.test(confirmationId)) throw new NotFoundException('Domain confirmation');
    const viewer = await this.viewers.require(request);
    await this.act(request, reply, viewer, id, 'resent', '', () =>
      this.confirmations.resend(viewer.scope, id, confirmationId, this.config.publicUrl),
    );
  }

  /** Runs the action: 303 back with its result, or the page again with why it was refused. */
  private async act(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    id: string,
    done: string,
    recipients: string,
    work: () => Promise<unknown>,
  ): Promise<void> {
    await submitForm(work, {
      reads: confirmationProblem,
      refused: (error, status) =>
        this.page(request, reply, viewer, id, { done: null, error, recipients }, status),
      done: async () => {
        await reply
          .header('Cache-Control', 'no-store')
          .redirect(`/onboardings/${id}/domain-confirmations?result=${done}`, 303);
      },
    });
  }

  private async page(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    id: string,
    state: {
      done: string | null;
      error: ConfirmationProblem | null;
      recipients: string;
    },
    status: number,
  ): Promise<void> {
    const list = await this.confirmations.list(viewer.scope, id);
    const canRequest = can(viewer.scope, 'domain_confirmation.request');
    const items = list.items.map((item) => ({
      ...item,
      canResend: canRequest && item.state !== 'superseded' && item.state !== 'confirmed',
    }));
    await this.renderer.render(
      request,
      reply,
      'domain-confirmations/domain-confirmations',
      { ...list, items, onboardingId: id, canRequest, ...state },
      {
        titleKey: 'domainConfirmation.page.title',
        section: 'onboardings',
        viewer,
        status,
      },
    );
  }
}
