import { isAutomatic, InboundCommentMail } from './inbound-comment-mail';
import { mentionedAddresses } from './mentions';
import { replyAddress, replyTokenIn } from './reply-address';
import { replyText } from './reply-text';
import { defaultVisibility, withinEditWindow } from './conversation-vocabulary';

const TOKEN = 'ab'.repeat(20);

describe('reply addresses', () => {
  it('plus-addresses the inbox and finds the token again, case-insensitively', () => {
    const address = replyAddress('replies@portal.example', TOKEN);
    expect(address).toBe(`replies+c${TOKEN}@portal.example`);
    expect(replyTokenIn('replies@portal.example', ['x@y.example', address.toUpperCase()])).toBe(
      TOKEN,
    );
  });

  it('ignores other inboxes, hosts and malformed tags', () => {
    const inbox = 'replies@portal.example';
    expect(replyTokenIn(inbox, [`other+c${TOKEN}@portal.example`])).toBeNull();
    expect(replyTokenIn(inbox, [`replies+c${TOKEN}@evil.example`])).toBeNull();
    expect(replyTokenIn(inbox, ['replies+cabc@portal.example'])).toBeNull();
    expect(replyTokenIn(inbox, ['replies@portal.example'])).toBeNull();
  });
});

describe('reply text', () => {
  it.each([
    [
      'an English client',
      'Fine by us.\n\nOn Mon, 2 Nov 2026, Portal wrote:\n> question',
      'Fine by us.',
    ],
    ['a signature', 'Fine by us.\n-- \nTaro\nSakura', 'Fine by us.'],
    ['Outlook', 'OK\n\n-----Original Message-----\nFrom: Portal', 'OK'],
    [
      'a Japanese client',
      '承知しました。\n\n2026年11月2日(月) 12:00 MDR Portal <replies@portal.example>:\n> 質問',
      '承知しました。',
    ],
    [
      'a Japanese client (書きました)',
      '承知しました。\nMDR Portal さんは書きました:\n> 質問',
      '承知しました。',
    ],
    ['a Chinese client', '收到。\nMDR Portal 写道：\n> 问题', '收到。'],
    ['interleaved quotes', 'Yes.\n> Is it?\nAnd more.', 'Yes.\nAnd more.'],
    ['a phone', 'Yes\n\nSent from my iPhone', 'Yes'],
  ])('keeps only the new text (%s)', (_, text, expected) => {
    expect(replyText(text)).toBe(expected);
  });
});

describe('automatic messages', () => {
  const mail = (over: Partial<InboundCommentMail>): InboundCommentMail => ({
    from: 'a@b.example',
    recipients: [],
    text: 'x',
    autoSubmitted: null,
    autoReply: null,
    precedence: null,
    attachments: [],
    ...over,
  });
  it.each<[Partial<InboundCommentMail>, boolean]>([
    [{}, false],
    [{ autoSubmitted: 'no' }, false],
    [{ autoSubmitted: 'auto-replied' }, true],
    [{ autoReply: 'yes' }, true],
    [{ precedence: 'bulk' }, true],
    [{ precedence: 'Auto_Reply' }, true],
    [{ precedence: 'list' }, true],
    [{ precedence: 'first-class' }, false],
  ])('%j is automatic: %s', (over, expected) => {
    expect(isAutomatic(mail(over))).toBe(expected);
  });
});

describe('mentions', () => {
  it('reads @address mentions once each, lower-case, and not plain addresses', () => {
    expect(
      mentionedAddresses(
        'Hi @Security@Sakura.example and (@am@mdr.example). Mail lead@mdr.example; @am@mdr.example.',
      ),
    ).toEqual(['security@sakura.example', 'am@mdr.example']);
  });
});

describe('edit window and defaults', () => {
  it('is open for 15 minutes from writing', () => {
    const at = new Date('2026-11-02T03:00:00Z');
    expect(withinEditWindow(at, new Date('2026-11-02T03:14:59Z'))).toBe(true);
    expect(withinEditWindow(at, new Date('2026-11-02T03:15:00Z'))).toBe(false);
  });
  it('starts incidents internal and steps and document versions shared', () => {
    expect(defaultVisibility('incident')).toBe('internal');
    expect(defaultVisibility('onboarding_step')).toBe('shared');
    expect(defaultVisibility('document_version')).toBe('shared');
  });
});
