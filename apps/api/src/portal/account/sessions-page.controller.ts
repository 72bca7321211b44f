import { Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { UserSessionsService } from '@app/identity';
import { formatMoment } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidParam } from '../../common/uuid-param';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { setFlash } from '../session/flash';
import { endSession } from '../session/portal-session';
import { PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';

/** Where the signed-in person is signed in (portal sessions, API tokens); each can be ended alone. */
@PortalController()
export class SessionsPageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly sessions: UserSessionsService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('account/sessions')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    const language = this.renderer.languageFor(request, viewer);
    const when = (at: Date): string =>
      formatMoment(at, { language, timeZone: viewer.scope.timeZone });
    const sessions = (await this.sessions.list(viewer.scope)).map((s) => ({
      ...s,
      createdAt: when(s.createdAt),
      expiresAt: when(s.expiresAt),
    }));
    await this.renderer.render(
      request,
      reply,
      'account/sessions',
      { sessions },
      { titleKey: 'sessions.title', viewer },
    );
  }

  @Post('account/sessions/:id/revoke')
  @UseGuards(CsrfGuard)
  async revoke(
    @Param('id', uuidParam('id')) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    await this.sessions.revoke(viewer.scope, id);
    if (id === viewer.scope.grant.sessionId) {
      // Ending this browser's own session signs it out here.
      endSession(request);
      await reply.header('Cache-Control', 'no-store').redirect('/login', 303);
      return;
    }
    setFlash(request, { kind: 'success', key: 'sessionRevoked' });
    await reply.header('Cache-Control', 'no-store').redirect('/account/sessions', 303);
  }
}
