import { DomainException, toErrorBody } from '@app/platform';
import { ERROR_STATUS } from '../../http/error-status';
import { errorMessageKey } from './error-message-key';
import { CsrfRejectedException } from './portal-exceptions';

export interface PortalErrorPage {
  status: number;
  titleKey: string;
  messageKey: string;
  /** False for errors nobody expected: those are logged with their stack. */
  expected: boolean;
  retryAfterSeconds?: number;
}

const CSRF_PLUGIN_CODES = ['FST_CSRF_INVALID_TOKEN', 'FST_CSRF_MISSING_SECRET'];

function hasCode(exception: unknown, codes: string[]): boolean {
  const code =
    exception && typeof exception === 'object' ? (exception as { code?: unknown }).code : null;
  return typeof code === 'string' && codes.includes(code);
}

/**
 * Which friendly page answers an error on a portal route. The status follows the API's one
 * mapping (toErrorBody with ERROR_STATUS); the message is translated: the error code's own
 * (`errors.code.<CODE>`) for a declared refusal, a generic one otherwise, so no internal detail or
 * English-only domain message reaches the page.
 */
export function describePortalError(exception: unknown): PortalErrorPage {
  if (exception instanceof CsrfRejectedException || hasCode(exception, CSRF_PLUGIN_CODES)) {
    return { status: 403, titleKey: 'errors.csrfTitle', messageKey: 'errors.csrf', expected: true };
  }
  const body = toErrorBody(exception, ERROR_STATUS);
  const retryAfterSeconds =
    exception instanceof DomainException ? exception.retryAfterSeconds : undefined;
  const page = (titleKey: string, messageKey: string): PortalErrorPage => ({
    status: body?.statusCode ?? 500,
    titleKey,
    messageKey,
    expected: body !== null,
    ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
  });
  if (!body) return page('errors.title', 'errors.internal');
  switch (body.statusCode) {
    case 401:
    case 403:
      return page('errors.title', 'errors.forbidden');
    case 404:
      return page('errors.notFoundTitle', 'errors.notFound');
    case 429:
      return page('errors.title', 'errors.tooManyRequests');
    default:
      if (body.statusCode >= 500) return page('errors.title', 'errors.internal');
      // A refusal a lib declared says why in the reader's language; anything else stays generic.
      return exception instanceof DomainException
        ? page('errors.title', errorMessageKey(body.code))
        : page('errors.title', 'errors.badRequest');
  }
}
