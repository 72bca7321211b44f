import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyMultipart from '@fastify/multipart';
import fastifySecureSession from '@fastify/secure-session';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@app/platform';
import { createHash } from 'node:crypto';
import { captureRawBody } from './raw-body';
import { addConstantHeaders } from './reply-headers';
import { computeSecurityHeaders } from './security-headers';
import { PORTAL_SESSION_SECONDS } from '../portal/session/portal-session';

const SESSION_COOKIE = 'mdr_session';

/**
 * Fastify's own plugins where Express middleware would go, and helmet's security headers with a
 * strict CSP (computed once at boot):
 * an encrypted httpOnly SameSite session cookie for the portal, and CSRF tokens for its forms.
 */
export async function configureHttp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const securityHeaders = computeSecurityHeaders(config);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (_request, reply, done) => {
    addConstantHeaders(reply, securityHeaders);
    done();
  });
  // Answers carry customer data, tokens and CSRF secrets: no cache may keep them unless a route
  // says otherwise. Only the portal's static files (CSS, icon) are cacheable.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control') && !request.url.startsWith('/static/'))
      void reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  // The detection webhook checks an HMAC over the exact bytes it was sent.
  captureRawBody(fastify, config.bodyLimitBytes);
  await app.register(fastifyCookie);
  await app.register(fastifySecureSession, {
    cookieName: SESSION_COOKIE,
    // secure-session wants exactly 32 bytes; derive them from the configured secret.
    key: createHash('sha256').update(config.sessionSecret).digest(),
    expiry: PORTAL_SESSION_SECONDS,
    cookie: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
    },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/secure-session' });
  // Uploads (endpoint inventories) are streamed by the route that reads them, one file each.
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: config.importMaxBytes,
      files: 1,
      fields: 10,
      parts: 11,
      fieldSize: 64 * 1024,
    },
  });
}
