/** The tag a reply address carries after `+`: `c` and the token's 40 hex digits. */
const TAG_PATTERN = /^c([0-9a-f]{40})$/;

/** `replies@host` and a token → `replies+c<token>@host` (sub-addressing, RFC 5233). */
export function replyAddress(inbox: string, token: string): string {
  const at = inbox.lastIndexOf('@');
  const local = inbox.slice(0, at).split('+')[0] ?? '';
  return `${local}+c${token}@${inbox.slice(at + 1)}`;
}

/** The token of the first recipient address that is a reply address of that inbox, or null. */
export function replyTokenIn(inbox: string, recipients: readonly string[]): string | null {
  const at = inbox.lastIndexOf('@');
  const local = (inbox.slice(0, at).split('+')[0] ?? '').toLowerCase();
  const host = inbox.slice(at + 1).toLowerCase();
  for (const recipient of recipients) {
    const address = recipient.trim().toLowerCase();
    const rAt = address.lastIndexOf('@');
    if (rAt < 0 || address.slice(rAt + 1) !== host) continue;
    const [rLocal, tag] = address.slice(0, rAt).split('+', 2);
    if (rLocal !== local || tag === undefined) continue;
    const match = TAG_PATTERN.exec(tag);
    if (match?.[1]) return match[1];
  }
  return null;
}
