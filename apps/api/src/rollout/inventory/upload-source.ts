import type { MultipartFile } from '@fastify/multipart';
import { DomainException, refuseUnrepresentable, ValidationException } from '@app/platform';
import type { FastifyRequest } from 'fastify';

export interface Upload {
  fileName: string;
  /** The file's bytes as they arrive; fails with 413 when the file exceeds the limit. */
  source: AsyncIterable<Buffer>;
  /** The text fields sent BEFORE the file (a portal form's `_csrf`, its checkboxes). */
  fields: Record<string, string>;
  /** Reads the rest of the file and throws it away (a refused upload, so the request completes). */
  discard(): Promise<void>;
}

/** The one file of a multipart/form-data request, streamed (never buffered whole). */
export async function openUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new ValidationException([
      { field: 'file', reason: 'send the CSV as multipart/form-data with one file' },
    ]);
  }
  // Parts in the order they were sent: the text fields before the file, then the file, whose
  // stream is read by the caller. Fields after the file are never looked at.
  // throwFileSizeLimit is honoured by parts() too (its typings leave it out): a file over the
  // limit is truncated and reported as 413 below, not thrown mid-stream.
  const options = {
    limits: { fileSize: maxBytes, files: 1 },
    throwFileSizeLimit: false,
  } as Parameters<FastifyRequest['parts']>[0];
  const parts = request.parts(options)[Symbol.asyncIterator]();
  const fields: Record<string, string> = {};
  let part: MultipartFile | undefined;
  for (let next = await parts.next(); !next.done; next = await parts.next()) {
    if (next.value.type === 'file') {
      part = next.value;
      break;
    }
    if (typeof next.value.value === 'string' && !(next.value.fieldname in fields))
      fields[next.value.fieldname] = next.value.value;
  }
  if (!part) throw new ValidationException([{ field: 'file', reason: 'is required' }]);
  const stream = part.file;
  async function* source(): AsyncGenerator<Buffer> {
    for await (const chunk of stream) yield chunk as Buffer;
    if (stream.truncated)
      throw new DomainException('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes`);
  }
  const upload: Upload = {
    fileName: part.filename,
    source: source(),
    fields,
    discard: async () => {
      stream.resume();
      await new Promise<void>((resolve) =>
        stream.readableEnded ? resolve() : stream.once('close', resolve).once('end', resolve),
      );
    },
  };
  // Multipart parts bypass the global check of parsed bodies (they are streamed): the same rule
  // here, for the text fields and the file's name (stored with the import).
  try {
    refuseUnrepresentable(fields, { fileName: part.filename });
  } catch (error: unknown) {
    await upload.discard();
    throw error;
  }
  return upload;
}

/**
 * Runs `work` on an opened upload. Should it fail, the rest of the file is read and thrown away
 * first (so the request completes) and the error goes on unchanged to whoever answers it.
 */
export async function discardOnError<T>(upload: Upload, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error: unknown) {
    await upload.discard();
    throw error;
  }
}

/** Reads a whole (small) uploaded text file; 413 beyond the limit. */
export async function uploadedText(source: AsyncIterable<Buffer>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
