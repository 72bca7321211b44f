import { REFERENCE_CODE_PATTERN } from './confirmation-token';

/** The parts of an inbound reply that matching looks at (from mailparser's ParsedMail). */
export interface InboundReply {
  from: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  text: string;
  /** RFC 3834 `Auto-Submitted`; anything but "no" is an automatic message (out of office...). */
  autoSubmitted: string | null;
}

export interface ReplyCandidate {
  id: string;
  recipient: string;
  messageId: string;
  referenceCode: string;
  status: string;
  expiresAt: Date | null;
}

/** The Message-IDs and reference codes a reply points at, for finding candidate requests. */
export function replyReferences(reply: InboundReply): { messageIds: string[]; codes: string[] } {
  const messageIds = [reply.inReplyTo, ...reply.references]
    .filter((id): id is string => typeof id === 'string' && id.length > 0)
    .map(normaliseMessageId);
  const codes = `${reply.subject}\n${reply.text}`.match(REFERENCE_CODE_PATTERN) ?? [];
  return { messageIds: [...new Set(messageIds)], codes: [...new Set(codes)] };
}

function normaliseMessageId(id: string): string {
  const trimmed = id.trim();
  return (trimmed.startsWith('<') ? trimmed : `<${trimmed}>`).toLowerCase();
}

/**
 * The request this reply confirms, or null: it must reference the request (its Message-ID in
 * In-Reply-To/References, or its reference code in the subject or body), come from the
 * request's recipient (case-insensitive), not be an automatic reply, and the request must still
 * be waiting and unexpired. Of several, the newest-sent candidate comes first in `candidates`.
 */
export function matchReply(
  reply: InboundReply,
  candidates: readonly ReplyCandidate[],
  now: Date,
): ReplyCandidate | null {
  if (reply.autoSubmitted !== null && reply.autoSubmitted.trim().toLowerCase() !== 'no')
    return null;
  const from = reply.from?.trim().toLowerCase();
  if (!from) return null;
  const { messageIds, codes } = replyReferences(reply);
  return (
    candidates.find(
      (c) =>
        (messageIds.includes(normaliseMessageId(c.messageId)) || codes.includes(c.referenceCode)) &&
        c.recipient.toLowerCase() === from &&
        c.status === 'sent' &&
        c.expiresAt !== null &&
        c.expiresAt.getTime() > now.getTime(),
    ) ?? null
  );
}
