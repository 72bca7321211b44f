import { signInbound, verifyInboundSignature } from './inbound-signature';

const SECRET = 'a shared secret of at least thirty-two characters';
const BODY = Buffer.from('From: security@sakura.example\r\nSubject: Re: x\r\n\r\nyes\r\n');

describe('verifyInboundSignature', () => {
  it.each([
    ['the right signature', SECRET, BODY, signInbound(SECRET, BODY), true],
    [
      'the right signature in upper-case hex',
      SECRET,
      BODY,
      signInbound(SECRET, BODY).toUpperCase().replace('SHA256=', 'sha256='),
      true,
    ],
    ['a signature of another body', SECRET, BODY, signInbound(SECRET, Buffer.from('other')), false],
    ['a signature with another secret', SECRET, BODY, signInbound(`${SECRET}!`, BODY), false],
    ['no header', SECRET, BODY, undefined, false],
    ['a header without the scheme', SECRET, BODY, signInbound(SECRET, BODY).slice(7), false],
    ['a truncated signature', SECRET, BODY, signInbound(SECRET, BODY).slice(0, -2), false],
    ['no configured secret', null, BODY, signInbound(SECRET, BODY), false],
  ])('%s', (_name, secret, body, header, expected) => {
    expect(verifyInboundSignature(secret, body, header)).toBe(expected);
  });
});
