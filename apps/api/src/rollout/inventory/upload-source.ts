import '@fastify/multipart';
import { DomainException, ValidationException } from '@app/platform';
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
    throw new ValidationException([{ field: 'file', reason: 'send the CSV as multipart/form-data with one file' }]);
  }
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 }, throwFileSizeLimit: false });
  if (!part) throw new ValidationException([{ field: 'file', reason: 'is required' }]);
  const stream = part.file;
  // Only what arrived before the file is read here: fields after it are still in the stream.
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    const value = Array.isArray(field) ? field[0] : field;
    if (value && value.type === 'field' && typeof value.value === 'string') fields[name] = value.value;
  }
  async function* source(): AsyncGenerator<Buffer> {
    for await (const chunk of stream) yield chunk as Buffer;
    if (stream.truncated) throw new DomainException('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes`);
  }
  return {
    fileName: part.filename,
    source: source(),
    fields,
    discard: async () => {
      stream.resume();
      await new Promise<void>((resolve) => (stream.readableEnded ? resolve() : stream.once('close', resolve).once('end', resolve)));
    },
  };
}
