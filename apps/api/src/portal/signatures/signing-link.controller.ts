import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { LinkView, SigningService } from '@app/authorisation';
import { RateLimited } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../auth/request-meta';
import { SigningLinkForm } from './signature.forms';
import { formatDate } from '../rendering/format-date';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { documentBody, signingRefusal } from './signing-page';
import { PortalController } from '../kit/portal-controller.decorator';
import { submitForm } from '../kit/submit-form';

interface PageError {
  key: string;
  remaining: number;
}

/**
 * The one-time signing link from the request mail. Rate limited per IP address (across every
 * process, SIGNING_LINK_RATE_LIMIT a minute); an unknown,
 * expired, used or decided link gets one and the same page, so it never tells whether a token
 * existed. The signer confirms an emailed code, types their name and signs, or declines.
 */
@PortalController()
@RateLimited({
  bucket: 'signing-link',
  limit: (config) => config.signingLinkRateLimit,
  windowSeconds: 60,
})
export class SigningLinkController {
  constructor(
    private readonly signing: SigningService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('sign/:token')
  async page(
    @Param('token') token: string,
    @Query('sent') sent: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.signing.openLink(token, requestMeta(request), true);
    if (!view) return this.invalid(request, reply);
    await this.show(request, reply, token, view, null, sent === '1', 200);
  }

  @Post('sign/:token/code')
  @UseGuards(CsrfGuard)
  async code(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!(await this.signing.sendCode(token, requestMeta(request))))
      return this.invalid(request, reply);
    await reply.code(303).redirect(`/sign/${encodeURIComponent(token)}?sent=1`);
  }

  @Post('sign/:token')
  @UseGuards(CsrfGuard)
  async decide(
    @Param('token') token: string,
    @Body() form: SigningLinkForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const meta = requestMeta(request);
    const decision =
      form.action === 'decline'
        ? { kind: 'decline' as const, reason: form.reason ?? '' }
        : { kind: 'sign' as const, typedName: form.typedName ?? '' };
    const refused = (error: PageError) => this.refused(request, reply, token, error);
    await submitForm(() => this.signing.decideWithLink(token, form.code ?? '', decision, meta), {
      reads: (error) => {
        const key = signingRefusal(error)?.problem;
        return key ? { problem: { key, remaining: 0 }, status: 400 } : null;
      },
      refused,
      // A wrong or spent code is an answer of the service, not an error: the same page again.
      done: (outcome) => {
        if (outcome.ok) return this.done(request, reply, decision.kind);
        if (outcome.problem === 'invalid') return this.invalid(request, reply);
        return refused({ key: outcome.problem, remaining: outcome.remaining ?? 0 });
      },
    });
  }

  /** The signing page again, with why the form was refused (400). */
  private async refused(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    error: PageError,
  ): Promise<void> {
    const view = await this.signing.openLink(token, requestMeta(request), false);
    if (!view) return this.invalid(request, reply);
    await this.show(request, reply, token, view, error, false, 400);
  }

  private async show(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    view: LinkView,
    error: PageError | null,
    sent: boolean,
    status: number,
  ): Promise<void> {
    const language = this.renderer.languageFor(request, null, view.recipient.language);
    await this.renderer.render(
      request,
      reply,
      'signatures/signature-link',
      {
        action: `/sign/${encodeURIComponent(token)}`,
        request: view.request,
        providerName: view.providerName,
        customerName: view.customerName,
        expiresOn: formatDate(language, view.request.expiresAt, false, view.recipient.timeZone),
        documentBody: documentBody(view.documentHtml),
        error,
        sent,
      },
      {
        titleKey: 'signatures.linkTitle',
        status,
        viewer: null,
        returnTo: `/sign/${encodeURIComponent(token)}`,
        recipient: view.recipient,
      },
    );
  }

  private done(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: 'sign' | 'decline',
  ): Promise<void> {
    return this.renderer.render(
      request,
      reply,
      'signatures/signature-done',
      { signed: kind === 'sign' },
      { titleKey: 'signatures.doneTitle', viewer: null, returnTo: '/' },
    );
  }

  private invalid(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.renderer.render(
      request,
      reply,
      'signatures/signature-link-invalid',
      {},
      { titleKey: 'signatures.invalidTitle', status: 404, viewer: null, returnTo: '/' },
    );
  }
}
