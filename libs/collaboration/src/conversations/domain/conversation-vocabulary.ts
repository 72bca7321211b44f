/** What a conversation can be about. */
export const SUBJECT_TYPES = ['onboarding_step', 'document_version', 'incident'] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** `internal`: the provider's staff and account managers only; `shared`: the customer too. */
export const COMMENT_VISIBILITIES = ['internal', 'shared'] as const;
export type CommentVisibility = (typeof COMMENT_VISIBILITIES)[number];

export const COMMENT_VIAS = ['portal', 'api', 'email'] as const;
export type CommentVia = (typeof COMMENT_VIAS)[number];

/** Longest comment body, in characters. */
export const MAX_COMMENT_LENGTH = 10_000;

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
