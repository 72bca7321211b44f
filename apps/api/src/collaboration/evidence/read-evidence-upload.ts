import type { EvidenceUpload, EvidenceVisibility } from '@app/evidence';
import { EVIDENCE_VISIBILITIES } from '@app/evidence';
import { refuseUnrepresentable, ValidationException } from '@app/platform';
import type { FastifyRequest } from 'fastify';

/** A multipart evidence upload: its text fields and its one file, held in memory up to the limit. */
export interface EvidenceUploadForm {
  fields: Record<string, string>;
  upload: EvidenceUpload;
}

/** The multipart field the file comes in. */
export const EVIDENCE_FILE_FIELD = 'file';

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) {
    // Thrown away: the part is read only so the request completes.
  }
}

/**
 * Reads a multipart upload of one file under `file`, with its text fields (wherever they come).
 * The file is read into memory up to `maxBytes` and then cut (`truncated`: the store answers
 * 413), so a refused file is never written anywhere. `beforeFile` runs with the fields sent
 * before the file (the portal checks its CSRF token there); when it throws, the file is thrown
 * away unread and its error raised once the request has been read.
 */
export async function readEvidenceUpload(
  request: FastifyRequest,
  maxBytes: number,
  beforeFile?: (fields: Record<string, string>) => Promise<void>,
): Promise<EvidenceUploadForm> {
  const { fields, upload } = await readOptionalEvidenceUpload(request, maxBytes, beforeFile);
  if (!upload)
    throw new ValidationException([{ field: EVIDENCE_FILE_FIELD, reason: 'is required' }]);
  return { fields, upload };
}

/** An upload whose file may be absent; `cutFields` names the text fields cut at `fieldBytes`. */
export interface OptionalEvidenceUploadForm {
  fields: Record<string, string>;
  upload: EvidenceUpload | null;
  cutFields: string[];
}

/**
 * As `readEvidenceUpload`, for a form where the file is optional (a comment): no file, or the
 * empty unnamed part a browser sends for a file input left empty, is `upload: null`. A text
 * field longer than `fieldBytes` is kept cut there and named in `cutFields` (the caller refuses
 * it: a cut text is never taken as what was written).
 */
export async function readOptionalEvidenceUpload(
  request: FastifyRequest,
  maxBytes: number,
  beforeFile?: (fields: Record<string, string>) => Promise<void>,
  fieldBytes = 64 * 1024,
): Promise<OptionalEvidenceUploadForm> {
  if (!request.isMultipart())
    throw new ValidationException([
      { field: EVIDENCE_FILE_FIELD, reason: 'send the file as multipart/form-data' },
    ]);
  // throwFileSizeLimit is honoured by parts() (its typings leave it out): a large file is cut.
  const options = {
    limits: { fileSize: maxBytes, files: 2, fields: 10, parts: 12, fieldSize: fieldBytes },
    throwFileSizeLimit: false,
  } as Parameters<FastifyRequest['parts']>[0];
  const fields: Record<string, string> = {};
  let upload: EvidenceUpload | null = null;
  const cutFields: string[] = [];
  let extraFiles = 0;
  let refusal: unknown = null;
  let checked = false;
  try {
    for await (const part of request.parts(options)) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in fields)) {
          fields[part.fieldname] = part.value;
          if (part.valueTruncated) cutFields.push(part.fieldname);
        }
        continue;
      }
      if (!checked && beforeFile) {
        checked = true;
        await beforeFile({ ...fields }).catch((error: unknown) => (refusal = error));
      }
      if (refusal !== null || part.fieldname !== EVIDENCE_FILE_FIELD || upload !== null) {
        if (refusal === null) extraFiles += 1;
        await drain(part.file);
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      upload = {
        // A file part may come without a filename (some clients): a file without a name.
        fileName: part.filename ?? '',
        bytes: Buffer.concat(chunks),
        truncated: part.file.truncated,
      };
    }
  } catch (error: unknown) {
    // More files or parts than an upload may carry: refused like a second file.
    const code = (error as { code?: string }).code;
    if (code !== 'FST_FILES_LIMIT' && code !== 'FST_PARTS_LIMIT') throw error;
    extraFiles += 1;
  }
  if (refusal !== null) throw refusal;
  if (!checked && beforeFile) await beforeFile({ ...fields });
  if (extraFiles > 0)
    throw new ValidationException([
      {
        field: EVIDENCE_FILE_FIELD,
        reason: `send exactly one file, in the "${EVIDENCE_FILE_FIELD}" field`,
      },
    ]);
  const chosen = upload && (upload.fileName !== '' || upload.bytes.length > 0) ? upload : null;
  // Multipart parts bypass the global check of parsed bodies: the same rule here.
  refuseUnrepresentable(fields, chosen ? { fileName: chosen.fileName } : {});
  return { fields, upload: chosen, cutFields };
}

/** 400 naming each field an evidence upload does not take. */
export function refuseUnknownFields(
  fields: Record<string, string>,
  known: readonly string[],
): void {
  const unknown = Object.keys(fields).filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new ValidationException(
      unknown.map((field) => ({ field, reason: 'is not a field of an evidence upload' })),
    );
}

/** The `visibility` field: absent (the subject's default) or one of the two; otherwise 400. */
export function visibilityField(fields: Record<string, string>): EvidenceVisibility | undefined {
  const value = fields.visibility;
  if (value === undefined || value === '') return undefined;
  if ((EVIDENCE_VISIBILITIES as readonly string[]).includes(value))
    return value as EvidenceVisibility;
  throw new ValidationException([
    { field: 'visibility', reason: `must be one of ${EVIDENCE_VISIBILITIES.join(', ')}` },
  ]);
}
