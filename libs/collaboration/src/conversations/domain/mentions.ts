/** `@someone@example.com` in a comment: a mention of the person with that address. */
const MENTION_PATTERN = /(?:^|[\s(])@([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/g;

/** The addresses a body mentions, lower-case and once each, in order of appearance. */
export function mentionedAddresses(body: string): string[] {
  const found: string[] = [];
  for (const match of body.matchAll(MENTION_PATTERN)) {
    const address = (match[1] ?? '').replace(/\.+$/, '').toLowerCase();
    if (address && !found.includes(address)) found.push(address);
  }
  return found;
}
