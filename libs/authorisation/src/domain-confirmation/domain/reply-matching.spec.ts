import { InboundReply, matchReply, ReplyCandidate } from './reply-matching';

const NOW = new Date('2027-01-10T00:00:00Z');
const candidate: ReplyCandidate = {
  id: 'c1',
  recipient: 'security@sakura.example',
  messageId: '<domain-permission.c1@portal.example>',
  referenceCode: 'MDR-ABCDEFGHJK',
  status: 'sent',
  expiresAt: new Date('2027-01-15T00:00:00Z'),
};
const reply: InboundReply = {
  from: 'security@sakura.example',
  inReplyTo: '<domain-permission.c1@portal.example>',
  references: [],
  subject: 'Re: Domain permission',
  text: 'I approve.',
  autoSubmitted: null,
};

describe('matchReply', () => {
  it.each<[string, Partial<InboundReply>, Partial<ReplyCandidate>, boolean]>([
    ['a reply by In-Reply-To from the recipient', {}, {}, true],
    ['From in another case', { from: 'Security@SAKURA.example' }, {}, true],
    [
      'the Message-ID only in References',
      { inReplyTo: null, references: ['<x@y>', '<domain-permission.c1@portal.example>'] },
      {},
      true,
    ],
    [
      'In-Reply-To without angle brackets',
      { inReplyTo: 'domain-permission.c1@portal.example' },
      {},
      true,
    ],
    [
      'the reference code in the subject',
      { inReplyTo: null, subject: 'Re: (MDR-ABCDEFGHJK)' },
      {},
      true,
    ],
    [
      'the reference code in the body',
      { inReplyTo: null, text: 'approved MDR-ABCDEFGHJK' },
      {},
      true,
    ],
    ['Auto-Submitted: no', { autoSubmitted: 'no' }, {}, true],
    ['another sender', { from: 'it-jp@sakura.example' }, {}, false],
    ['a look-alike sender', { from: 'security@sakura.example.evil' }, {}, false],
    ['no sender', { from: null }, {}, false],
    ['no reference at all', { inReplyTo: null, subject: 'hello' }, {}, false],
    [
      'another request referenced',
      { inReplyTo: '<domain-permission.c2@portal.example>' },
      {},
      false,
    ],
    ['an automatic reply (out of office)', { autoSubmitted: 'auto-replied' }, {}, false],
    ['a superseded request', {}, { status: 'superseded' }, false],
    ['a decided request', {}, { status: 'confirmed' }, false],
    ['an expired request', {}, { expiresAt: new Date('2027-01-09T00:00:00Z') }, false],
    ['a request not yet mailed', {}, { expiresAt: null }, false],
  ])('%s', (_name, replyChange, candidateChange, matches) => {
    const found = matchReply(
      { ...reply, ...replyChange },
      [{ ...candidate, ...candidateChange }],
      NOW,
    );
    expect(found?.id ?? null).toBe(matches ? 'c1' : null);
  });
});
