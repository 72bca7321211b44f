import type { FastifyReply } from 'fastify';
import type { CompletionBundle } from '@app/authorisation';

/** Sends a bundle as a download, with its SHA-256 in a header. */
export function sendBundle(reply: FastifyReply, bundle: CompletionBundle): Buffer {
  void reply
    .header('content-type', 'application/zip')
    .header('content-disposition', `attachment; filename="${bundle.filename}"`)
    .header('x-bundle-sha256', bundle.sha256)
    .header('cache-control', 'private, no-store');
  return bundle.body;
}
