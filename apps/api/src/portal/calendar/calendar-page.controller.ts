import { Get, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CalendarFeedTokensService } from '@app/collaboration';
import { APP_CONFIG, AppConfig, formatMoment } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';

interface PageState {
  /** The link just issued: shown on this answer only (only its token's hash is stored). */
  issuedUrl: string | null;
  /** A message key for what was just done. */
  noticeKey: string | null;
}

/**
 * The signed-in person's calendar feed link: issue one (a new link replaces the old), see since
 * when the live one exists and when a calendar last read it, revoke it. Times in their zone.
 */
@PortalController()
export class CalendarPageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly tokens: CalendarFeedTokensService,
    private readonly renderer: PortalRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('account/calendar')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    await this.render(request, reply, viewer, { issuedUrl: null, noticeKey: null }, 200);
  }

  @Post('account/calendar')
  @UseGuards(CsrfGuard)
  async issue(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    const { token } = await this.tokens.issue(viewer.scope);
    const issuedUrl = `${this.config.publicUrl}/calendar/${token}.ics`;
    await this.render(request, reply, viewer, { issuedUrl, noticeKey: null }, 201);
  }

  @Post('account/calendar/revoke')
  @UseGuards(CsrfGuard)
  async revoke(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    const revoked = await this.tokens.revoke(viewer.scope);
    const noticeKey = revoked ? 'calendar.revoked' : 'calendar.nothingToRevoke';
    await this.render(request, reply, viewer, { issuedUrl: null, noticeKey }, 200);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    state: PageState,
    status: number,
  ): Promise<void> {
    const language = this.renderer.languageFor(request, viewer);
    const when = (at: Date | null): string | null =>
      at ? formatMoment(at, { language, timeZone: viewer.scope.timeZone }) : null;
    const feed = await this.tokens.status(viewer.scope);
    reply.header('cache-control', 'no-store');
    await this.renderer.render(
      request,
      reply,
      'calendar/calendar',
      {
        ...state,
        active: feed.active,
        createdAt: when(feed.createdAt),
        lastUsedAt: when(feed.lastUsedAt),
        timeZone: viewer.scope.timeZone,
      },
      { titleKey: 'calendar.title', viewer, status },
    );
  }
}
