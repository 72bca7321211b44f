import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfirmationDecisionsService } from '@app/authorisation';
import { DomainException, RateLimited, UTC_READER_ZONE } from '@app/platform';
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/choose-language';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../auth/request-meta';
import { ConfirmDecisionForm } from '../forms/confirm.form';
import { formatDate } from '../rendering/format-date';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalController } from '../kit/portal-controller.decorator';

/**
 * The link in the domain-permission email. GET only shows what is being authorised (mail
 * scanners prefetch links); the decision is an explicit, CSRF-protected POST. Unknown, used,
 * expired and superseded links get one and the same page. Attempts are limited per IP across
 * every process (CONFIRM_ATTEMPTS_PER_MINUTE).
 */
@PortalController()
@RateLimited({
  bucket: 'confirm-link',
  limit: (config) => config.confirmAttemptsPerMinute,
  windowSeconds: 60,
})
export class ConfirmPagesController {
  constructor(
    private readonly decisions: ConfirmationDecisionsService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('confirm/:token')
  async show(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const page = await this.decisions.page(token);
    if (!page) return this.invalid(request, reply);
    // The page speaks the recipient's language (the mail's) and zone unless they choose otherwise.
    const recipient = {
      language: isLanguage(page.language) ? page.language : DEFAULT_LANGUAGE,
      timeZone: page.timeZone,
    };
    const language = this.renderer.languageFor(request, null, recipient.language);
    await this.renderer.render(
      request,
      reply,
      'domain-confirmations/confirm',
      {
        ...page,
        token,
        domains: page.domains.join(', '),
        expiresOn: formatDate(language, page.expiresAt, false, page.timeZone),
      },
      { titleKey: 'domainConfirmation.confirm.title', viewer: null, recipient },
    );
  }

  @Post('confirm/:token')
  @UseGuards(CsrfGuard)
  async decide(
    @Param('token') token: string,
    @Body() form: ConfirmDecisionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!form.decision) throw new DomainException('BAD_REQUEST', 'Choose approve or decline');
    const outcome = await this.decisions.decide(token, form.decision, requestMeta(request));
    if (outcome === 'invalid') return this.invalid(request, reply);
    await this.renderer.render(
      request,
      reply,
      'domain-confirmations/confirm-done',
      { confirmed: outcome === 'confirmed' },
      {
        titleKey:
          outcome === 'confirmed'
            ? 'domainConfirmation.confirm.confirmedTitle'
            : 'domainConfirmation.confirm.declinedTitle',
        viewer: null,
        returnTo: '/',
        recipient: form.lang ? { language: form.lang, timeZone: UTC_READER_ZONE } : null,
      },
    );
  }

  private invalid(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.renderer.render(
      request,
      reply,
      'domain-confirmations/confirm-invalid',
      {},
      {
        titleKey: 'domainConfirmation.confirm.invalidTitle',
        status: 404,
        viewer: null,
        returnTo: '/',
      },
    );
  }
}
