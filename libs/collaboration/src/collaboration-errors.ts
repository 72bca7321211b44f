import { DomainException } from '@app/platform';

// Each part of the lib keeps its codes in its own block; the lib's list joins the blocks.

/** Conversations (`./conversations`): why a comment is refused. */
export const CONVERSATION_ERROR_CODES = [
  /** The comment's edit window (by the business clock) has passed; write a new comment instead. */
  'COMMENT_EDIT_WINDOW_CLOSED',
  /** A reply to an internal thread cannot be shared with the customer. */
  'THREAD_IS_INTERNAL',
  /** Only a thread's first comment can be answered (threads are one level deep). */
  'COMMENT_NOT_A_THREAD',
] as const;

export const COLLABORATION_ERROR_CODES = [...CONVERSATION_ERROR_CODES] as const;

export type CollaborationErrorCode = (typeof COLLABORATION_ERROR_CODES)[number];

export class CollaborationError extends DomainException<CollaborationErrorCode> {}
