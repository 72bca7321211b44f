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

/**
 * The note and files of a completion, checked against the step's evidence flag and the limits:
 * a 400 names each bad field (`note`, `files`, `files[i]`), so nothing is written.
 */
export function acceptCompletionInput(input: CompletionInput, requirement: EvidenceRequirement | undefined, limits: EvidenceLimits): AcceptedEvidence {
  const errors: FieldError[] = [];
  const note = input.note?.trim() ? input.note.trim() : null;
  if (note !== null && note.length > MAX_NOTE_LENGTH) errors.push({ field: 'note', reason: `must be at most ${MAX_NOTE_LENGTH} characters` });
  const uploads = input.files ?? [];
  const files: AcceptedFile[] = [];
  if (!requirement && uploads.length > 0) {
    errors.push({ field: 'files', reason: 'this step takes no evidence files' });
  } else if (requirement === 'required' && uploads.length === 0) {
    errors.push({ field: 'files', reason: 'this task requires evidence: attach at least one file' });
  } else if (uploads.length > limits.maxFiles || (input.extraFiles ?? 0) > 0) {
    errors.push({ field: 'files', reason: `at most ${limits.maxFiles} files` });
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

function acceptFile(upload: EvidenceUpload, limits: EvidenceLimits): AcceptedFile | { reason: string } {
  const fileName = safeFileName(upload.fileName);
  if (upload.truncated) return { reason: `is larger than ${limits.maxFileBytes} bytes` };
  if (upload.bytes.length === 0) return { reason: 'is empty' };
  if (fileName === '') return { reason: 'needs a file name' };
  const kind = evidenceFileType(fileName, upload.bytes, limits.types);
  if (!kind.ok) return { reason: kind.reason };
  return { fileName, contentType: kind.contentType, bytes: upload.bytes, sha256: createHash('sha256').update(upload.bytes).digest('hex') };
}
