import type { EvidenceType } from '@app/platform';
import { DomainException, ValidationException } from '@app/platform';
import { createHash } from 'node:crypto';
import { EvidenceError } from './evidence-errors';
import { judgeEvidenceKind } from './evidence-file-kinds';
import { safeFileName } from './safe-file-name';

/** A file as it arrived: cut at the size limit (`truncated`) rather than held whole. */
export interface EvidenceUpload {
  fileName: string;
  bytes: Buffer;
  truncated: boolean;
}

export interface EvidenceStoreLimits {
  maxBytes: number;
  types: readonly EvidenceType[];
}

/** A file the store will keep: its cleaned name, the content type it is served as, and its hash. */
export interface AcceptedEvidenceFile {
  fileName: string;
  kind: EvidenceType;
  contentType: string;
  bytes: Buffer;
  sha256: string;
}

/**
 * Checks one upload before anything is written: 413 PAYLOAD_TOO_LARGE over the limit, 400 for an
 * empty file or one without a name, and the kind's code (executable, active content, not
 * allowed, mismatch) when the bytes are not an accepted kind under its name.
 */
export function acceptEvidenceFile(
  upload: EvidenceUpload,
  limits: EvidenceStoreLimits,
): AcceptedEvidenceFile {
  if (upload.truncated || upload.bytes.length > limits.maxBytes)
    throw new DomainException(
      'PAYLOAD_TOO_LARGE',
      `The file is larger than ${limits.maxBytes} bytes`,
      {
        maxBytes: limits.maxBytes,
      },
    );
  const fileName = safeFileName(upload.fileName);
  if (fileName === '')
    throw new ValidationException([{ field: 'file', reason: 'needs a file name' }]);
  if (upload.bytes.length === 0)
    throw new EvidenceError('EVIDENCE_FILE_EMPTY', 'The file is empty');
  const verdict = judgeEvidenceKind(fileName, upload.bytes, limits.types);
  if (!verdict.ok)
    throw new EvidenceError(verdict.refusal, `The file ${verdict.reason}`, {
      accepted: limits.types,
    });
  return {
    fileName,
    kind: verdict.kind,
    contentType: verdict.contentType,
    bytes: upload.bytes,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
  };
}
