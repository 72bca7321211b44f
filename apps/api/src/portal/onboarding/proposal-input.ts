/** The longest proposal the form accepts, in characters. */
export const MAX_PROPOSAL_LENGTH = 20000;

export type ProposalInput =
  | { ok: true; content: Record<string, unknown> }
  | { ok: false; problem: 'proposalRequired' | 'proposalTooLong' | 'proposalInvalidJson' };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the propose textarea holds, as the content to propose: a JSON object when the text is
 * one (it starts with `{`), otherwise the plain text as `{ "text": ... }`. Text that starts like
 * an object but is not valid JSON is refused rather than stored as text, so a typo in a
 * structured proposal never turns it into a string silently.
 */
export function parseProposal(raw: string | undefined): ProposalInput {
  const text = (raw ?? '').replace(/\r\n/g, '\n').trim();
  if (!text) return { ok: false, problem: 'proposalRequired' };
  if (text.length > MAX_PROPOSAL_LENGTH) return { ok: false, problem: 'proposalTooLong' };
  if (!text.startsWith('{')) return { ok: true, content: { text } };
  try {
    const parsed: unknown = JSON.parse(text);
    return isPlainObject(parsed)
      ? { ok: true, content: parsed }
      : { ok: false, problem: 'proposalInvalidJson' };
  } catch {
    return { ok: false, problem: 'proposalInvalidJson' };
  }
}

/** A proposal as the page shows it: plain text when it is just `{ text }`, else pretty JSON. */
export function describeProposalContent(content: Record<string, unknown>): {
  text: string | null;
  json: string | null;
} {
  const keys = Object.keys(content);
  if (keys.length === 1 && keys[0] === 'text' && typeof content.text === 'string') {
    return { text: content.text, json: null };
  }
  return { text: null, json: JSON.stringify(content, null, 2) };
}

/** What the propose textarea starts with: the current proposal, editable as it was written. */
export function proposalDraft(content: Record<string, unknown> | null): string {
  if (!content) return '';
  const shown = describeProposalContent(content);
  return shown.text ?? shown.json ?? '';
}
