import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifySecureSession from '@fastify/secure-session';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@app/platform';
import { createHash } from 'node:crypto';

export const SESSION_COOKIE = 'mdr_session';

/**
 * Fastify's own plugins where Express middleware would go: security headers with a strict CSP,
 * an encrypted httpOnly SameSite session cookie for the portal, and CSRF tokens for its forms.
 */
export async function configureHttp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifySecureSession, {
    cookieName: SESSION_COOKIE,
    // secure-session wants exactly 32 bytes; derive them from the configured secret.
    key: createHash('sha256').update(config.sessionSecret).digest(),
    expiry: 8 * 3600,
    cookie: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
    },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/secure-session' });
}
