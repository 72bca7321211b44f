import Handlebars from 'handlebars';

// http(s) URLs made of the characters RFC 3986 allows, so CJK text right after a URL is not
// swallowed; sentence punctuation at the end belongs to the text, not the link.
const URL_PATTERN = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/**
 * Plain text as HTML: everything escaped, http(s) URLs turned into anchors. Used for the dev
 * mailbox, whose mail bodies are untrusted text and must never reach the page as raw HTML.
 */
export function linkify(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    html += Handlebars.escapeExpression(text.slice(last, start));
    const href = Handlebars.escapeExpression(url);
    html += `<a href="${href}" rel="noopener noreferrer">${href}</a>`;
    last = start + url.length;
  }
  return html + Handlebars.escapeExpression(text.slice(last));
}
