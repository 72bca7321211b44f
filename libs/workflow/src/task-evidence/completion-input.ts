import type { AcceptedEvidenceFile, EvidenceUpload } from '@app/evidence';
import { judgeEvidenceKind, safeFileName } from '@app/evidence';
import type { EvidenceType, FieldError } from '@app/platform';
import { ValidationException } from '@app/platform';
import { createHash } from 'node:crypto';
import type { EvidenceRequirement } from '../templates/template.types';

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

export interface AcceptedEvidence {
  note: string | null;
  /** Checked as the evidence store checks a file (its kind by the bytes), ready for it to keep. */
  files: AcceptedEvidenceFile[];
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
  const files: AcceptedEvidenceFile[] = [];
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

/** One file under the completion's limits, its kind judged by the evidence store's rules. */
function acceptFile(
  upload: EvidenceUpload,
  limits: EvidenceLimits,
): AcceptedEvidenceFile | { reason: string } {
  const fileName = safeFileName(upload.fileName);
  if (upload.truncated) return { reason: EVIDENCE_REASONS.tooLarge(limits.maxFileBytes) };
  if (upload.bytes.length === 0) return { reason: EVIDENCE_REASONS.empty };
  if (fileName === '') return { reason: EVIDENCE_REASONS.noName };
  const verdict = judgeEvidenceKind(fileName, upload.bytes, limits.types);
  if (!verdict.ok) return { reason: verdict.reason };
  return {
    fileName,
    kind: verdict.kind,
    contentType: verdict.contentType,
    bytes: upload.bytes,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
  };
}
