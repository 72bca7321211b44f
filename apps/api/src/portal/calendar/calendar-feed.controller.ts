import { Get, Param, Req, Res } from '@nestjs/common';
import { CalendarFeedService } from '@app/collaboration';
import { RateLimited } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../auth/request-meta';
import { PortalController } from '../kit/portal-controller.decorator';

/** Feed requests per address and minute: calendar apps poll every few minutes at most. */
export const CALENDAR_FEED_RATE_LIMIT = 30;

/**
 * A person's calendar feed at its secret link (`/calendar/<token>.ics`), read by calendar apps
 * with no session: the token is the credential. Rate limited per address across every process,
 * like the other public links; a malformed, unknown or revoked token answers the same 404.
 */
@PortalController()
@RateLimited({ bucket: 'calendar-feed', limit: () => CALENDAR_FEED_RATE_LIMIT, windowSeconds: 60 })
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get('calendar/:file')
  async feed(
    @Param('file') file: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : '';
    const body = token ? await this.feeds.feed(token, requestMeta(request)) : null;
    reply.header('cache-control', 'private, no-store');
    if (body === null) {
      await reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
      return;
    }
    await reply
      .code(200)
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', 'inline; filename="mdr-portal.ics"')
      .send(body);
  }
}
