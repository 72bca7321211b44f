import { HttpException } from '@nestjs/common';
import { isDatabaseUnavailable } from './database-unavailable';
import { DomainException } from './domain-exception';
import { codeForStatus, ErrorCode, ErrorStatusTable } from './error-codes';

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Fastify's own errors (bad JSON, body too large, wrong media type) carry FST_ codes. */
function fromFastifyError(error: FastifyLikeError): ErrorBody | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        statusCode: 400,
        code: 'MALFORMED_JSON',
        message: 'The request body is not valid JSON',
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is too large',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        statusCode: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Unsupported content type',
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { statusCode: 400, code: 'BAD_REQUEST', message: 'Invalid content length' };
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return {
      statusCode: error.statusCode,
      code: codeForStatus(error.statusCode),
      message: error.message ?? 'Bad request',
    };
  }
  return null;
}

/**
 * Maps anything thrown to the one error body; null means an unknown error (a 500), and so does a
 * domain code the table does not list (its unit test keeps that from happening).
 */
export function toErrorBody(exception: unknown, statuses: ErrorStatusTable): ErrorBody | null {
  if (exception instanceof DomainException) {
    const statusCode = Object.hasOwn(statuses, exception.code)
      ? statuses[exception.code]
      : undefined;
    if (statusCode === undefined) return null;
    const body: ErrorBody = {
      statusCode,
      code: exception.code,
      message: exception.message,
    };
    if (exception.details !== undefined) body.details = exception.details;
    return body;
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : String((response as { message?: unknown }).message ?? exception.message);
    // Nest re-throws Fastify's body-parser errors as plain HttpExceptions, dropping their code.
    const malformedJson = statusCode === 400 && /not valid JSON/i.test(message);
    return {
      statusCode,
      code: malformedJson ? 'MALFORMED_JSON' : codeForStatus(statusCode),
      message,
    };
  }
  // The database is down or restarting: the client may simply try again shortly.
  if (isDatabaseUnavailable(exception)) {
    return {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'The service is temporarily unavailable; please retry shortly',
    };
  }
  if (exception && typeof exception === 'object') {
    return fromFastifyError(exception as FastifyLikeError);
  }
  return null;
}
