import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ActionLinksService, EscalationLinksService } from '@app/incidents';
import { DomainException, RateLimited } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../auth/request-meta';
import { ActionDecisionForm } from '../forms/confirm.form';
import { formatDate } from '../rendering/format-date';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalController } from '../kit/portal-controller.decorator';
import { refusedWithMessage } from '../kit/refused-by-code';
import { submitForm } from '../kit/submit-form';

/** The refusals of a decision that leave the link usable: the factor was missing or wrong. */
const STEP_UP_REFUSALS = [
  'VALIDATION_FAILED',
  'INVALID_CREDENTIALS',
  'STEP_UP_IN_PORTAL',
  'STEP_UP_FACTOR_REQUIRED',
  'TOO_MANY_REQUESTS',
];

/**
 * The approve/decline link in a response-action approval mail, on the domain-confirmation model:
 * GET only shows the request (mail scanners prefetch links); the decision is an explicit,
 * CSRF-protected POST. Unknown, used, expired and decided links get one and the same page.
 * Attempts are limited per IP (counted in the database, across processes). The escalation mail's
 * acknowledgement link works the same way.
 */
@PortalController()
@RateLimited({
  bucket: 'incident-action-link',
  limit: (config) => config.confirmAttemptsPerMinute,
  windowSeconds: 60,
})
export class IncidentActionLinkController {
  constructor(
    private readonly links: ActionLinksService,
    private readonly escalationLinks: EscalationLinksService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('incident-actions/:token')
  async show(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.showAction(token, request, reply, null, 200);
  }

  @Post('incident-actions/:token')
  @UseGuards(CsrfGuard)
  async decide(
    @Param('token') token: string,
    @Body() form: ActionDecisionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!form.decision) throw new DomainException('BAD_REQUEST', 'Choose approve or decline');
    const decision = () =>
      this.links.decide(token, form.decision === 'approve', requestMeta(request), {
        password: form.password,
        code: form.code,
      });
    await submitForm(decision, {
      // A missing or wrong password or code: the same page again, saying why; the link stays usable.
      reads: refusedWithMessage(STEP_UP_REFUSALS),
      refused: (messageKey, status) => this.showAction(token, request, reply, messageKey, status),
      done: async (outcome) => {
        if (outcome === 'invalid') return this.invalid(request, reply);
        const approved = outcome === 'approved';
        await this.renderer.render(
          request,
          reply,
          'incidents/incident-action-done',
          { approved },
          {
            titleKey: approved ? 'incidents.link.approvedTitle' : 'incidents.link.declinedTitle',
            viewer: null,
            returnTo: '/',
          },
        );
      },
    });
  }

  @Get('incident-escalations/:token')
  async showEscalation(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.escalationLinks.page(token);
    if (!page) return this.invalid(request, reply, 'escalation');
    const recipient = { language: page.language, timeZone: page.timeZone };
    const language = this.renderer.languageFor(request, null, recipient.language);
    await this.renderer.render(
      request,
      reply,
      'incidents/incident-escalation',
      { ...page, token, ackBy: formatDate(language, page.ackDueAt, false, page.timeZone) },
      {
        titleKey: 'incidents.escalationLink.title',
        viewer: null,
        recipient,
      },
    );
  }

  @Post('incident-escalations/:token')
  @UseGuards(CsrfGuard)
  async acknowledgeEscalation(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.escalationLinks.acknowledge(token, requestMeta(request));
    if (outcome === 'invalid') return this.invalid(request, reply, 'escalation');
    await this.renderer.render(
      request,
      reply,
      'incidents/incident-escalation-done',
      {},
      {
        titleKey: 'incidents.escalationLink.doneTitle',
        viewer: null,
        returnTo: '/',
      },
    );
  }

  /** The request and the decision form, asking for the recipient's strongest factor. */
  private async showAction(
    token: string,
    request: FastifyRequest,
    reply: FastifyReply,
    problemKey: string | null,
    status: number,
  ): Promise<void> {
    const page = await this.links.page(token);
    if (!page) return this.invalid(request, reply);
    const recipient = { language: page.language, timeZone: page.timeZone };
    const language = this.renderer.languageFor(request, null, recipient.language);
    await this.renderer.render(
      request,
      reply,
      'incidents/incident-action',
      {
        ...page,
        token,
        expiresOn: formatDate(language, page.expiresAt, false, page.timeZone),
        problemKey,
        asksPassword: page.factor === 'password',
        asksCode: page.factor === 'totp',
        inPortal: page.factor === 'passkey',
      },
      { titleKey: 'incidents.link.title', viewer: null, recipient, status },
    );
  }

  private invalid(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: 'action' | 'escalation' = 'action',
  ): Promise<void> {
    return this.renderer.render(
      request,
      reply,
      'incidents/incident-action-invalid',
      { escalation: kind === 'escalation' },
      {
        titleKey: 'incidents.link.invalidTitle',
        status: 404,
        viewer: null,
        returnTo: '/',
      },
    );
  }
}
