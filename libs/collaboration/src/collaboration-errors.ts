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

/** Evidence files (`./evidence`): why the store refuses a file. */
export const EVIDENCE_ERROR_CODES = [
  /** The content is a program or script (PE, ELF, Mach-O, a `#!` script…), whatever its name says. */
  'EVIDENCE_FILE_EXECUTABLE',
  /** The content is HTML, SVG or XML a browser would run or render. */
  'EVIDENCE_FILE_ACTIVE_CONTENT',
  /** Its kind is not on the allow-list (EVIDENCE_TYPES); details: `{ accepted }`. */
  'EVIDENCE_FILE_TYPE_NOT_ALLOWED',
  /** The name says one kind and the bytes another; details: `{ extension, detected }`. */
  'EVIDENCE_FILE_TYPE_MISMATCH',
  /** The file has no bytes. */
  'EVIDENCE_FILE_EMPTY',
] as const;

export const COLLABORATION_ERROR_CODES = [
  ...CONVERSATION_ERROR_CODES,
  ...EVIDENCE_ERROR_CODES,
] as const;

export type CollaborationErrorCode = (typeof COLLABORATION_ERROR_CODES)[number];

export class CollaborationError extends DomainException<CollaborationErrorCode> {}
