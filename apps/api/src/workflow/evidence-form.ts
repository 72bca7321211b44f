import type { EvidenceUpload } from '@app/evidence';
import { CompletionInput, EvidenceLimits } from '@app/workflow';
import { FieldError, ValidationException } from '@app/platform';
import type { FastifyRequest } from 'fastify';

/** A multipart completion as it arrived: its text fields and files. */
export interface EvidenceForm {
  fields: Record<string, string>;
  files: EvidenceUpload[];
  /** Files beyond the count limit: counted, never read. */
  extraFiles: number;
  /** File parts under another name than `files`. */
  strayFileFields: string[];
}

/** The multipart field the files come in, as `<input type="file" name="files" multiple>` sends them. */
const FILES_FIELD = 'files';

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) {
    // Thrown away: the part is read only so the request completes.
  }
}

/**
 * Reads a multipart completion: its text fields (a portal form's `_csrf` comes first) and each
 * file under `files` into memory, up to the size limit (a larger file is cut and marked
 * truncated, and refused later). Files beyond the count limit are not read. `beforeFirstFile`
 * runs once, with the fields sent before the first file (the portal checks its CSRF token there):
 * when it throws, the rest of the request is read and thrown away and its error is raised.
 */
export async function readEvidenceForm(
  request: FastifyRequest,
  limits: EvidenceLimits,
  beforeFirstFile?: (fields: Record<string, string>) => Promise<void>,
): Promise<EvidenceForm> {
  const form: EvidenceForm = { fields: {}, files: [], extraFiles: 0, strayFileFields: [] };
  // throwFileSizeLimit is honoured by parts() (its typings leave it out): an oversized file is cut.
  const options = {
    limits: {
      fileSize: limits.maxFileBytes,
      files: limits.maxFiles + 1,
      fields: 20,
      parts: limits.maxFiles + 21,
      fieldSize: 64 * 1024,
    },
    throwFileSizeLimit: false,
  } as Parameters<FastifyRequest['parts']>[0];
  let refusal: unknown = null;
  let checked = false;
  try {
    for await (const part of request.parts(options)) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in form.fields))
          form.fields[part.fieldname] = part.value;
        continue;
      }
      if (!checked && beforeFirstFile) {
        checked = true;
        await beforeFirstFile(form.fields).catch((error: unknown) => (refusal = error));
      }
      if (
        refusal !== null ||
        part.fieldname !== FILES_FIELD ||
        form.files.length >= limits.maxFiles
      ) {
        if (refusal === null && part.fieldname !== FILES_FIELD)
          form.strayFileFields.push(part.fieldname);
        else if (refusal === null) form.extraFiles += 1;
        await drain(part.file);
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      form.files.push({
        fileName: part.filename,
        bytes: Buffer.concat(chunks),
        truncated: part.file.truncated,
      });
    }
  } catch (error: unknown) {
    // More files (or parts) than any completion may carry: say so like any other count.
    const code = (error as { code?: string }).code;
    if (code !== 'FST_FILES_LIMIT' && code !== 'FST_PARTS_LIMIT') throw error;
    form.extraFiles += 1;
  }
  if (refusal !== null) throw refusal;
  return form;
}

/** The completion a form asks for; unknown fields and a malformed expectedVersion answer 400. */
export function completionInputOf(
  form: EvidenceForm,
  otherFields: readonly string[] = [],
): CompletionInput {
  const errors: FieldError[] = [];
  for (const name of Object.keys(form.fields)) {
    if (!['note', 'expectedVersion', ...otherFields].includes(name))
      errors.push({ field: name, reason: 'is not a field of a completion' });
  }
  for (const name of form.strayFileFields)
    errors.push({ field: name, reason: `send files in the "${FILES_FIELD}" field` });
  const version = form.fields.expectedVersion;
  if (version !== undefined && version !== '' && !/^[1-9]\d{0,8}$/.test(version))
    errors.push({ field: 'expectedVersion', reason: 'must be a positive whole number' });
  if (errors.length > 0) throw new ValidationException(errors);
  return {
    note: form.fields.note,
    expectedVersion: version ? Number(version) : undefined,
    files: form.files,
    extraFiles: form.extraFiles,
  };
}
