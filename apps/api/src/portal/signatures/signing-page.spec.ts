import { AuthorisationError } from '@app/authorisation';
import { IdentityError } from '@app/identity';
import { DomainException, ValidationException } from '@app/platform';
import { documentBody, requestErrorKey, signingErrorKey } from './signing-page';

describe('signing page helpers', () => {
  it('takes the body of a stored document', () => {
    expect(
      documentBody('<html><head><style>x</style></head><body>\n<h1>A</h1>\n</body></html>'),
    ).toBe('<h1>A</h1>');
    expect(documentBody('no body')).toBe('');
  });

  it.each<[string, unknown, string | null]>([
    ['typed name', new ValidationException([{ field: 'typedName', reason: 'x' }]), 'typedName'],
    ['reason', new ValidationException([{ field: 'reason', reason: 'x' }]), 'reason'],
    ['other field', new ValidationException([{ field: 'x', reason: 'x' }]), null],
    ['password', new IdentityError('INVALID_CREDENTIALS', 'x'), 'password'],
    ['throttled', new DomainException('TOO_MANY_REQUESTS', 'x'), 'throttled'],
    ['conflict', new AuthorisationError('SIGNATURE_REQUEST_NOT_PENDING', 'x'), 'conflict'],
    ['unexpected', new Error('x'), null],
  ])('%s', (_name, error, key) => {
    expect(signingErrorKey(error)).toBe(key);
  });

  it.each<[string, DomainException, string]>([
    [
      'signer e-mail',
      new ValidationException([{ field: 'signerEmail', reason: 'x' }]),
      'signerEmail',
    ],
    [
      'signer user',
      new ValidationException([{ field: 'signerUserId', reason: 'x' }]),
      'signerUserId',
    ],
    ['signer name', new ValidationException([{ field: 'signerName', reason: 'x' }]), 'signerName'],
    [
      'agreement version',
      new ValidationException([{ field: 'agreementVersion', reason: 'x' }]),
      'agreementVersion',
    ],
    ['revocation reason', new ValidationException([{ field: 'reason', reason: 'x' }]), 'reason'],
    ['unknown field', new ValidationException([{ field: 'x', reason: 'x' }]), 'invalid'],
    ['conflict', new AuthorisationError('SIGNATURE_REQUEST_NOT_PENDING', 'x'), 'conflict'],
    ['forbidden', new DomainException('FORBIDDEN', 'x'), 'forbidden'],
    ['anything else', new DomainException('BAD_REQUEST', 'x'), 'invalid'],
  ])('request form error: %s', (_name, error, key) => {
    expect(requestErrorKey(error)).toBe(key);
  });
});
