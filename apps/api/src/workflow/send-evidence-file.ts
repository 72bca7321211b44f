import type { EvidenceDownload } from '@app/evidence';
import type { FastifyReply } from 'fastify';

/** `filename=` takes ASCII only: anything else becomes `_` there, and the name travels whole in `filename*`. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * An evidence file as a download that no browser renders in the portal's origin: an attachment,
 * its fixed content type, nosniff, and never cached.
 */
export function sendEvidenceFile(reply: FastifyReply, file: EvidenceDownload): Buffer {
  void reply
    .header('Content-Type', file.contentType)
    .header('Content-Disposition', contentDisposition(file.fileName))
    .header('Cache-Control', 'no-store')
    .header('X-Content-Type-Options', 'nosniff')
    .header('X-Content-SHA256', file.sha256);
  return file.content;
}
