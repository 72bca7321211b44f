import { DomainException } from '@app/platform';

/** Why the evidence store refuses a file. */
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

export type EvidenceErrorCode = (typeof EVIDENCE_ERROR_CODES)[number];

export class EvidenceError extends DomainException<EvidenceErrorCode> {}
