import type { EvidenceType, FieldError } from '@app/platform';
import { ValidationException } from '@app/platform';
import { createHash } from 'node:crypto';
import type { EvidenceRequirement } from '../templates/template.types';
import { evidenceFileType, safeFileName } from './evidence-file-types';

/** A file as it arrived: cut at the size limit (`truncated`) rather than held whole. */
export interface EvidenceUpload {
  fileName: string;
  bytes: Buffer;
  truncated: boolean;
}

/** What completing a task may carry. */
export interface CompletionInput {
  note?: string;
  expectedVersion?: number;
  files?: EvidenceUpload[];
  /** Files sent beyond the limit (not read). */
  extraFiles?: number;
}

export interface EvidenceLimits {
  maxFileBytes: number;
  maxFiles: number;
  types: readonly EvidenceType[];
}

export interface AcceptedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

export interface AcceptedEvidence {
  note: string | null;
  files: AcceptedFile[];
}

export const MAX_NOTE_LENGTH = 4000;

/** The reasons a 400 gives, for clients (the portal) that say them in other words. */
export const EVIDENCE_REASONS = {
  required: 'this task requires evidence: attach at least one file',
  notTaken: 'this step takes no evidence files',
  tooMany: (max: number) => `at most ${max} files`,
  tooLarge: (max: number) => `is larger than ${max} bytes`,
  empty: 'is empty',
  noName: 'needs a file name',
  noteTooLong: `must be at most ${MAX_NOTE_LENGTH} characters`,
};

/**
 * The note and files of a completion, checked against the step's evidence flag and the limits:
 * a 400 names each bad field (`note`, `files`, `files[i]`), so nothing is written.
 */
export function acceptCompletionInput(
  input: CompletionInput,
  requirement: EvidenceRequirement | undefined,
  limits: EvidenceLimits,
): AcceptedEvidence {
  const errors: FieldError[] = [];
  const note = input.note?.trim() ? input.note.trim() : null;
  if (note !== null && note.length > MAX_NOTE_LENGTH)
    errors.push({ field: 'note', reason: EVIDENCE_REASONS.noteTooLong });
  const uploads = input.files ?? [];
  const files: AcceptedFile[] = [];
  if (!requirement && uploads.length > 0) {
    errors.push({ field: 'files', reason: EVIDENCE_REASONS.notTaken });
  } else if (requirement === 'required' && uploads.length === 0) {
    errors.push({ field: 'files', reason: EVIDENCE_REASONS.required });
  } else if (uploads.length > limits.maxFiles || (input.extraFiles ?? 0) > 0) {
    errors.push({ field: 'files', reason: EVIDENCE_REASONS.tooMany(limits.maxFiles) });
  } else {
    uploads.forEach((upload, i) => {
      const checked = acceptFile(upload, limits);
      if ('reason' in checked) errors.push({ field: `files[${i}]`, reason: checked.reason });
      else files.push(checked);
    });
  }
  if (errors.length > 0) throw new ValidationException(errors);
  return { note, files };
}

function acceptFile(
  upload: EvidenceUpload,
  limits: EvidenceLimits,
): AcceptedFile | { reason: string } {
  const fileName = safeFileName(upload.fileName);
  if (upload.truncated) return { reason: EVIDENCE_REASONS.tooLarge(limits.maxFileBytes) };
  if (upload.bytes.length === 0) return { reason: EVIDENCE_REASONS.empty };
  if (fileName === '') return { reason: EVIDENCE_REASONS.noName };
  const kind = evidenceFileType(fileName, upload.bytes, limits.types);
  if (!kind.ok) return { reason: kind.reason };
  return {
    fileName,
    contentType: kind.contentType,
    bytes: upload.bytes,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
  };
}
