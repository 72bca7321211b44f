/** What a conversation can be about. */
export const SUBJECT_TYPES = ['onboarding_step', 'document_version', 'incident'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** `internal`: the provider's staff and account managers only; `shared`: the customer too. */
export const COMMENT_VISIBILITIES = ['internal', 'shared'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];

export const COMMENT_VIAS = ['portal', 'api', 'email'] as const;
export type CommentVia = (typeof COMMENT_VIAS)[number];

/**
 * Longest comment body, in characters (Unicode code points, as PostgreSQL's char_length counts
 * them). 20,000 holds a long incident write-up or a pasted log excerpt of a few hundred lines,
 * in any script, while a comment stays something a mail carries and a page shows whole; longer
 * material belongs in an attached file.
 */
export const MAX_COMMENT_LENGTH = 20_000;

/**
 * How much text a comment form still reads whole, in characters: twice the limit, so a person
 * who pasted too much gets the page back with their text and how long it is, to shorten it.
 * Beyond that the request is refused as any oversized request is.
 */
export const COMMENT_FORM_MAX_CHARS = 2 * MAX_COMMENT_LENGTH;

/** The same in bytes of a multipart field: UTF-8 takes at most four bytes a character. */
export const COMMENT_FORM_MAX_BYTES = 4 * COMMENT_FORM_MAX_CHARS;

/** A body as it is kept: line ends as `\n`, no surrounding blanks. */
export function normalisedCommentBody(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').trim();
}

/** A body's length as the limit counts it: characters of the body as it is kept. */
export function commentLength(raw: string): number {
  let count = 0;
  for (const _character of normalisedCommentBody(raw)) count += 1;
  return count;
}

/** The first `MAX_COMMENT_LENGTH` characters (never half a character). */
export function cutToCommentLength(text: string): string {
  return Array.from(text).slice(0, MAX_COMMENT_LENGTH).join('');
}

/** How long after writing it the author may still edit a comment. */
export const EDIT_WINDOW_MINUTES = 15;

/** How long a comment mail's reply address stays usable. */
export const REPLY_TOKEN_DAYS = 30;

/** Provider staff start a conversation shared on steps and document versions, internal on incidents. */
export function defaultVisibility(subjectType: SubjectType): CommentVisibility {
  return subjectType === 'incident' ? 'internal' : 'shared';
}

/** Whether the author may still edit a comment written at `createdAt`. */
export function withinEditWindow(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() < EDIT_WINDOW_MINUTES * 60_000;
}
