import { Body, Get, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfirmationDecisionsService } from '@app/authorisation';
import { APP_CONFIG, AppConfig, DomainException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AttemptLimiter } from '../../authorisation/domain-confirmation/attempt-limiter';
import { requestMeta } from '../../auth/request-meta';
import { ConfirmDecisionForm } from '../forms/confirm.form';
import { formatDate } from '../rendering/format-date';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalController } from './portal-controller.decorator';

/**
 * The link in the domain-permission email. GET only shows what is being authorised (mail
 * scanners prefetch links); the decision is an explicit, CSRF-protected POST. Unknown, used,
 * expired and superseded links get one and the same page. Attempts are limited per IP.
 */
@PortalController()
export class ConfirmPagesController {
  private readonly limiter: AttemptLimiter;

  constructor(
    private readonly decisions: ConfirmationDecisionsService,
    private readonly renderer: PortalRenderer,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new AttemptLimiter(config.confirmAttemptsPerMinute);
  }

  @Get('confirm/:token')
  async show(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    this.limit(request);
    const page = await this.decisions.page(token);
    if (!page) return this.invalid(request, reply);
    const language = this.renderer.languageFor(request, null);
    await this.renderer.render(
      request,
      reply,
      'confirm',
      { ...page, token, domains: page.domains.join(', '), expiresOn: formatDate(language, page.expiresAt) },
      { titleKey: 'domainConfirmation.confirm.title', viewer: null },
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
    this.limit(request);
    if (!form.decision) throw new DomainException('BAD_REQUEST', 'Choose approve or decline');
    const outcome = await this.decisions.decide(token, form.decision, requestMeta(request));
    if (outcome === 'invalid') return this.invalid(request, reply);
    await this.renderer.render(request, reply, 'confirm-done', { confirmed: outcome === 'confirmed' }, {
      titleKey: outcome === 'confirmed' ? 'domainConfirmation.confirm.confirmedTitle' : 'domainConfirmation.confirm.declinedTitle',
      viewer: null,
      returnTo: '/',
    });
  }

  private limit(request: FastifyRequest): void {
    const wait = this.limiter.attempt(request.ip);
    if (wait !== null) throw new DomainException('TOO_MANY_REQUESTS', 'Too many attempts; try again shortly', undefined, wait);
  }

  private invalid(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    return this.renderer.render(request, reply, 'confirm-invalid', {}, {
      titleKey: 'domainConfirmation.confirm.invalidTitle',
      status: 404,
      viewer: null,
      returnTo: '/',
    });
  }
}
