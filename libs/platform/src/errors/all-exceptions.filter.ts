import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS } from './database-unavailable';
import { DomainException } from './domain-exception';
import { ErrorBody, toErrorBody } from './error-body';
import type { ErrorStatusTable } from './error-codes';

const INTERNAL: ErrorBody = {
  statusCode: 500,
  code: 'INTERNAL',
  message: 'An unexpected error occurred',
};

/**
 * The one place errors become HTTP: known codes map to their status through the HTTP layer's
 * table (given by the process: `{ provide: APP_FILTER, useValue: new AllExceptionsFilter(ERROR_STATUS) }`),
 * the rest to a bare 500.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly statuses: ErrorStatusTable) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = toErrorBody(exception, this.statuses);
    if (!body) {
      this.logger.error(
        { err: exception, reqId: request?.id, url: request?.url },
        'Unhandled error answered with 500',
      );
    }
    if (exception instanceof DomainException && exception.retryAfterSeconds) {
      void reply.header('Retry-After', String(exception.retryAfterSeconds));
    } else if (body?.code === 'SERVICE_UNAVAILABLE' && !(exception instanceof DomainException)) {
      // Mapped from a database connection error (see isDatabaseUnavailable).
      void reply.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    const answer = body ?? INTERNAL;
    if (answer.statusCode === 503 && body) {
      this.logger.warn({ err: exception, reqId: request?.id }, answer.message);
    } else if (answer.statusCode >= 500 && body) {
      this.logger.error({ err: exception, reqId: request?.id }, answer.message);
    }
    void reply.status(answer.statusCode).type('application/json; charset=utf-8').send(answer);
  }
}
