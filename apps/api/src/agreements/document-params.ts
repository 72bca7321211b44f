import { PipeTransform } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import {
  DocumentFile,
  DOCUMENT_STYLE_CSP_HASH,
  RUNBOOK_PATHS,
  RunbookKind,
  RunbookPath,
} from '@app/agreements';
import { ValidationException } from '@app/platform';

/** A version number in the path: a positive integer, or a 400 naming the parameter. */
export class VersionParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9][0-9]{0,8}$/.test(value))
      throw new ValidationException([{ field: 'version', reason: 'must be a positive integer' }]);
    return Number(value);
  }
}

/** `peacetime` or `incident` in the path. */
export class RunbookKindPipe implements PipeTransform<string, RunbookKind> {
  transform(value: string): RunbookKind {
    if (!Object.hasOwn(RUNBOOK_PATHS, value)) {
      throw new ValidationException([
        { field: 'kind', reason: `must be one of: ${Object.keys(RUNBOOK_PATHS).join(', ')}` },
      ]);
    }
    return RUNBOOK_PATHS[value as RunbookPath];
  }
}

/**
 * A document body as the sections it names: none when there is no body, a 400 naming the body
 * when it is not a JSON object. The agreements lib validates every field inside.
 */
export function sectionsOf(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw new ValidationException([{ field: 'body', reason: 'must be an object' }]);
  return { ...body };
}

/**
 * Sends a rendered document: the HTML or the PDF drawn from it, with the hash approvals bind to
 * in a header. The HTML may use its own inline stylesheet, allowed by hash, and nothing else.
 */
export function sendDocument(
  reply: FastifyReply,
  file: DocumentFile,
  styleHash: string = DOCUMENT_STYLE_CSP_HASH,
): string | Buffer {
  reply.header('content-type', file.contentType);
  reply.header('x-document-sha256', file.sha256);
  reply.header('content-disposition', `inline; filename="${file.filename}"`);
  reply.header('cache-control', 'private, no-store');
  if (file.contentType.startsWith('text/html')) {
    reply.header(
      'content-security-policy',
      `default-src 'none'; style-src '${styleHash}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    );
  }
  return file.body;
}
