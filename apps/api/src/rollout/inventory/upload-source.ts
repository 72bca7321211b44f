import '@fastify/multipart';
import { DomainException, ValidationException } from '@app/platform';
import type { FastifyRequest } from 'fastify';

export interface Upload {
  fileName: string;
  /** The file's bytes as they arrive; fails with 413 when the file exceeds the limit. */
  source: AsyncIterable<Buffer>;
}

/** The one file of a multipart/form-data request, streamed (never buffered whole). */
export async function openUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) {
    throw new ValidationException([{ field: 'file', reason: 'send the CSV as multipart/form-data with one file' }]);
  }
  const part = await request.file({ limits: { fileSize: maxBytes, files: 1 }, throwFileSizeLimit: false });
  if (!part) throw new ValidationException([{ field: 'file', reason: 'is required' }]);
  const stream = part.file;
  async function* source(): AsyncGenerator<Buffer> {
    for await (const chunk of stream) yield chunk as Buffer;
    if (stream.truncated) throw new DomainException('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes`);
  }
  return { fileName: part.filename, source: source() };
}
