import { ArgumentsHost, Catch, ExceptionFilter, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { describePortalError } from './describe-portal-error';
import {
  MFA_ENROLMENT_PAGE,
  MfaEnrolmentRequiredException,
  SignInRequiredException,
} from './portal-exceptions';

// Used only when the error page itself cannot be rendered.
const FALLBACK_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head>' +
  '<body><h1>Something went wrong</h1><p><a href="/">Back to the home page</a></p></body></html>';

/**
 * Errors on portal pages become HTML pages (the API's global filter keeps answering JSON for
 * /api): a missing sign-in redirects to /login, a session that must first set up a second
 * factor to the enrolment page, everything else gets a translated error page.
 * Bound to the portal's controllers with @UseFilters, so it runs before the global filter.
 */
@Catch()
@Injectable()
export class PortalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Portal');

  constructor(private readonly renderer: PortalRenderer) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return;
    if (exception instanceof SignInRequiredException) {
      await reply.header('Cache-Control', 'no-store').redirect('/login', 302);
      return;
    }
    if (exception instanceof MfaEnrolmentRequiredException) {
      await reply.header('Cache-Control', 'no-store').redirect(MFA_ENROLMENT_PAGE, 303);
      return;
    }
    const error = describePortalError(exception);
    if (!error.expected || error.status >= 500) {
      this.logger.error(
        { err: exception, reqId: request.id, url: request.url },
        'Portal page failed',
      );
    }
    if (error.retryAfterSeconds) reply.header('Retry-After', String(error.retryAfterSeconds));
    // Not a form: the error page itself may fail to render, and the person still gets an answer.
    try {
      await this.renderer.render(
        request,
        reply,
        'errors/error',
        { status: error.status, messageKey: error.messageKey },
        { titleKey: error.titleKey, status: error.status },
      );
    } catch (renderError: unknown) {
      this.logger.error(
        { err: renderError, reqId: request.id },
        'Portal error page failed to render',
      );
      if (!reply.sent)
        await reply.code(error.status).type('text/html; charset=utf-8').send(FALLBACK_HTML);
    }
  }
}
