import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';

/** Largest inbound message accepted by the webhook; bigger answers 413. */
const INBOUND_MAIL_LIMIT_BYTES = 1024 * 1024;

/** The exact bytes of a raw-mail request body, which its HMAC is computed over. */
export function rawBodyOf(request: FastifyRequest): Buffer | null {
  const raw = (request as FastifyRequest & { rawMail?: Buffer }).rawMail;
  return Buffer.isBuffer(raw) ? raw : null;
}

/**
 * Parsers for `message/rfc822` and `text/plain` bodies that keep the raw bytes beside the parsed
 * value (the webhook's signature covers the bytes). text/plain still parses to a string, as
 * Fastify's own parser did, for any other route.
 */
export function registerRawMailParsers(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const keep = (
    request: FastifyRequest,
    body: Buffer,
    done: (err: Error | null, value?: unknown) => void,
  ): void => {
    (request as FastifyRequest & { rawMail?: Buffer }).rawMail = body;
    done(null, body.toString('utf8'));
  };
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(
    ['message/rfc822', 'text/plain'],
    { parseAs: 'buffer', bodyLimit: INBOUND_MAIL_LIMIT_BYTES },
    keep,
  );
}
