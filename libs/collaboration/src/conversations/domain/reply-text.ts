/** A line that starts the quoted original in common mail clients ("On … wrote:", "-----Original Message-----", Japanese and Chinese clients). */
const QUOTE_HEADERS = [
  /^On .+ wrote:\s*$/i,
  /^-{2,}\s*Original Message\s*-{2,}/i,
  /^-{2,}\s*Forwarded message\s*-{2,}/i,
  /^From: .+/i,
  /^\d{4}年\d{1,2}月\d{1,2}日.*[:：]\s*$/,
  /^.+(?:書きました|写道)[:：]\s*$/,
  /^-{2,}\s*(?:元のメッセージ|原始邮件|原始郵件)\s*-{2,}/,
];
/** The signature delimiter of RFC 3676 ("-- "), and the usual mobile sign-offs. */
const SIGNATURE_STARTS = [/^-- ?$/, /^Sent from my /i, /^Get Outlook for /i];

/**
 * The new text of a reply: everything above the quoted original and the signature, trailing
 * blank lines trimmed. Lines quoted with `>` are dropped wherever they are.
 */
export function replyText(text: string): string {
  const kept: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const bare = line.trimEnd();
    if (QUOTE_HEADERS.some((p) => p.test(bare.trim()))) break;
    if (SIGNATURE_STARTS.some((p) => p.test(bare))) break;
    if (/^\s*>/.test(line)) continue;
    kept.push(bare);
  }
  return kept.join('\n').trim();
}
