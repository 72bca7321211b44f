import { DomainException, NotFoundException, ValidationException } from '@app/platform';
import { describePortalError } from './describe-portal-error';
import { CsrfRejectedException } from './portal-exceptions';

describe('describePortalError', () => {
  it('answers a rejected CSRF token with 403 and its own explanation', () => {
    expect(describePortalError(new CsrfRejectedException())).toMatchObject({
      status: 403,
      messageKey: 'errors.csrf',
    });
  });

  it('follows the API status mapping for domain errors', () => {
    expect(describePortalError(new NotFoundException('Page'))).toMatchObject({
      status: 404,
      messageKey: 'errors.notFound',
      expected: true,
    });
    expect(describePortalError(new ValidationException([]))).toMatchObject({ status: 400 });
    expect(
      describePortalError(new DomainException('TOO_MANY_REQUESTS', 'slow down', undefined, 30)),
    ).toMatchObject({ status: 429, retryAfterSeconds: 30 });
  });

  it('hides unknown errors behind a 500 page', () => {
    expect(describePortalError(new Error('db exploded'))).toMatchObject({
      status: 500,
      messageKey: 'errors.internal',
      expected: false,
    });
  });
});
