/** The crawl's rules for one rendered page, also used by feature tests on pages the crawl does not reach. */
const LEAKS = [
  /\n\s+at .+:\d+:\d+/,
  /QueryFailedError/,
  /\bSELECT\b.+\bFROM\b/,
  /node_modules/,
  /violates .* constraint/,
];

/** What every portal page must get right, whatever it shows. */
export function inspect(html: string, headers: Record<string, string>): string[] {
  const problems: string[] = [];
  const csp = headers['content-security-policy'] ?? '';
  if (!csp || csp.includes('unsafe-inline') || csp.includes('unsafe-eval'))
    problems.push(`CSP: ${csp || 'missing'}`);
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const post = /method="post"/i.test(form[1]);
    if (post && !/name="_csrf" value="[^"]+"/.test(form[2]))
      problems.push(`POST form without a CSRF token: ${form[1].trim()}`);
  }
  if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) problems.push('inline <script>');
  if (/\sstyle="/i.test(html)) problems.push('inline style attribute (blocked by the CSP)');
  if (/\son[a-z]+="/i.test(html)) problems.push('inline event handler');
  for (const leak of LEAKS) if (leak.test(html)) problems.push(`leaks ${leak}`);
  if (!/<html lang="(ja|en|zh)"/.test(html)) problems.push('no <html lang>');
  for (const input of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attrs = input[2];
    if (/type="(hidden|submit|button)"/.test(attrs)) continue;
    const id = /\bid="([^"]+)"/.exec(attrs)?.[1];
    const before = html.slice(0, input.index);
    const insideLabel = before.lastIndexOf('<label') > before.lastIndexOf('</label>');
    const labelled =
      insideLabel ||
      /aria-label(ledby)?="/.test(attrs) ||
      (id !== undefined && html.includes(`for="${id}"`));
    if (!labelled) problems.push(`unlabelled ${input[1]}: ${attrs.trim().slice(0, 80)}`);
  }
  return problems;
}
