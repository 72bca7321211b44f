import { BadRequestException } from '@nestjs/common';
import { DomainException, ValidationException } from './domain-exception';
import { toErrorBody as toBody } from './error-body';

const STATUSES = { NOT_FOUND: 404, TOO_MANY_REQUESTS: 429, VALIDATION_FAILED: 400 };
const toErrorBody = (exception: unknown) => toBody(exception, STATUSES);

describe('toErrorBody', () => {
  it('maps domain codes to their status through the given table', () => {
    expect(toErrorBody(new DomainException('NOT_FOUND', 'Engagement not found'))).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Engagement not found',
    });
    expect(toErrorBody(new DomainException('TOO_MANY_REQUESTS', 'slow down'))?.statusCode).toBe(
      429,
    );
  });

  it('keeps field details of validation errors', () => {
    const body = toErrorBody(
      new ValidationException([{ field: 'email', reason: 'must be an email' }]),
    );
    expect(body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'email: must be an email',
      details: [{ field: 'email', reason: 'must be an email' }],
    });
  });

  it('maps Fastify parser errors and Nest HTTP exceptions', () => {
    expect(toErrorBody({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 })?.code).toBe(
      'MALFORMED_JSON',
    );
    expect(toErrorBody({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })?.statusCode).toBe(
      413,
    );
    expect(toErrorBody(new BadRequestException('nope'))).toMatchObject({
      statusCode: 400,
      message: 'nope',
    });
  });

  it('answers 503 SERVICE_UNAVAILABLE for a lost or refused database connection', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(toErrorBody(refused)).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    const shutdown = Object.assign(new Error('terminating connection'), {
      driverError: { code: '57P01' },
    });
    expect(toErrorBody(shutdown)?.statusCode).toBe(503);
    expect(toErrorBody(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBeNull();
  });

  it('returns null for a domain code the table does not list, so it becomes a logged 500', () => {
    expect(toErrorBody(new DomainException('CONFLICT', 'x'))).toBeNull();
  });

  it('returns null for unknown errors so they become a bare 500', () => {
    expect(toErrorBody(new Error('SELECT * FROM secrets failed'))).toBeNull();
    expect(toErrorBody('boom')).toBeNull();
  });
});
