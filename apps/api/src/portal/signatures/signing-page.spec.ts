import { DomainException, ValidationException } from '@app/platform';
import { documentBody, signingErrorKey } from './signing-page';

describe('signing page helpers', () => {
  it('takes the body of a stored document', () => {
    expect(documentBody('<html><head><style>x</style></head><body>\n<h1>A</h1>\n</body></html>')).toBe('<h1>A</h1>');
    expect(documentBody('no body')).toBe('');
  });

  it.each<[string, unknown, string | null]>([
    ['typed name', new ValidationException([{ field: 'typedName', reason: 'x' }]), 'typedName'],
    ['reason', new ValidationException([{ field: 'reason', reason: 'x' }]), 'reason'],
    ['other field', new ValidationException([{ field: 'x', reason: 'x' }]), null],
    ['password', new DomainException('INVALID_CREDENTIALS', 'x'), 'password'],
    ['throttled', new DomainException('TOO_MANY_REQUESTS', 'x'), 'throttled'],
    ['conflict', new DomainException('CONFLICT', 'x'), 'conflict'],
    ['unexpected', new Error('x'), null],
  ])('%s', (_name, error, key) => {
    expect(signingErrorKey(error)).toBe(key);
  });
});
