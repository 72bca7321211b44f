import type { ParsedMail } from 'mailparser';
import type { InboundReply } from '@app/authorisation';

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
