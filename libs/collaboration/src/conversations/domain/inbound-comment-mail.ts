/** What reply routing reads of an inbound message (from mailparser's ParsedMail). */
export interface InboundCommentMail {
  from: string | null;
  /** Every To and Cc address (the reply address is one of them). */
  recipients: string[];
  text: string;
  /** RFC 3834 `Auto-Submitted`. */
  autoSubmitted: string | null;
  /** `X-Autoreply` / `X-Autorespond`, as sent by some vacation responders. */
  autoReply: string | null;
  /** `Precedence` (`bulk`, `junk`, `list`, `auto_reply` are never answers). */
  precedence: string | null;
  /** The message's attached files, kept with the comment through the evidence store. */
  attachments: { fileName: string; bytes: Buffer }[];
}

/** Whether a message was sent by a machine (out of office, list, bounce): never a comment. */
export function isAutomatic(mail: InboundCommentMail): boolean {
  const auto = mail.autoSubmitted?.trim().toLowerCase();
  if (auto && auto !== 'no') return true;
  if (mail.autoReply !== null && mail.autoReply.trim() !== '') return true;
  const precedence = mail.precedence?.trim().toLowerCase();
  return precedence !== undefined && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence);
}
