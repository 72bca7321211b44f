import type { FastifyInstance, FastifyRequest, preParsingAsyncHookHandler } from 'fastify';
import { Readable } from 'node:stream';

/** Routes (Fastify route patterns) whose exact request bytes are kept, e.g. for HMAC checks. */
const RAW_BODY_ROUTES: ReadonlySet<string> = new Set(['/api/engagements/:id/detections']);

const RAW_BODY = Symbol('rawBody');
type WithRawBody = FastifyRequest & { [RAW_BODY]?: Buffer };

/**
 * Keeps the raw body of the listed routes only, before the JSON parser sees it: the bytes are
 * read once, kept on the request, and handed on to the ordinary parser unchanged. Other routes
 * are untouched (no buffer is kept for them, and no hook runs for them: the hook is added to the
 * listed routes as they are registered, so it must be called before the routes are).
 */
export function captureRawBody(instance: FastifyInstance, limitBytes: number): void {
  const preParsing: preParsingAsyncHookHandler = async (request, _reply, payload) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload as AsyncIterable<Buffer>) {
      size += chunk.length;
      // Stop reading early; the parser then answers 413 as for any other route.
      if (size > limitBytes) break;
      chunks.push(chunk);
    }
    const raw = Buffer.concat(chunks);
    (request as WithRawBody)[RAW_BODY] = raw;
    return size > limitBytes ? Readable.from([raw, Buffer.alloc(1)]) : Readable.from([raw]);
  };
  instance.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST') || !RAW_BODY_ROUTES.has(route.url)) return;
    const existing = route.preParsing ?? [];
    route.preParsing = [...(Array.isArray(existing) ? existing : [existing]), preParsing];
  });
}

/** The exact bytes of the request body, on routes listed in RAW_BODY_ROUTES. */
export function rawBodyOf(request: FastifyRequest): Buffer | null {
  return (request as WithRawBody)[RAW_BODY] ?? null;
}
