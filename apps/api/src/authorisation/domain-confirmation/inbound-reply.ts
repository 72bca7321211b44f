import type { AddressObject, ParsedMail } from 'mailparser';
import type { InboundReply } from '@app/authorisation';
import type { InboundCommentMail } from '@app/collaboration';

function header(mail: ParsedMail, name: string): string | null {
  const value = mail.headers.get(name);
  return typeof value === 'string' ? value : null;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((o) => o.value.map((a) => a.address ?? '')).filter((a) => a !== '');
}

/** The parts of a parsed message that routing a reply to a conversation reads. */
export function inboundCommentMailOf(mail: ParsedMail): InboundCommentMail {
  return {
    from: mail.from?.value[0]?.address ?? null,
    recipients: [...addresses(mail.to), ...addresses(mail.cc)],
    text: (mail.text ?? '').slice(0, 100_000),
    autoSubmitted: header(mail, 'auto-submitted'),
    autoReply: header(mail, 'x-autoreply') ?? header(mail, 'x-autorespond'),
    precedence: header(mail, 'precedence'),
    attachments: mail.attachments
      .filter((a) => a.contentDisposition !== 'inline' && Buffer.isBuffer(a.content))
      .map((a) => ({ fileName: a.filename ?? 'attachment', bytes: a.content })),
  };
}

/** The parts of a parsed message that reply matching reads. */
export function inboundReplyOf(mail: ParsedMail): InboundReply {
  const auto = mail.headers.get('auto-submitted');
  const references =
    typeof mail.references === 'string' ? mail.references.split(/\s+/) : (mail.references ?? []);
  return {
    from: mail.from?.value[0]?.address ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references,
    subject: mail.subject ?? '',
    text: (mail.text ?? '').slice(0, 100_000),
    autoSubmitted: typeof auto === 'string' ? auto : null,
  };
}
