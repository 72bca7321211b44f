import supertest from 'supertest';
import { TEST_PASSWORD, TestApp } from '../support/test-app';

export type PortalAgent = ReturnType<typeof supertest.agent>;

/** The `_csrf` value of the first form on a rendered page. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1];
}

/** The `<html lang>` of a rendered page. */
export function htmlLangOf(html: string): string | null {
  return /<html lang="([^"]*)"/.exec(html)?.[1] ?? null;
}

/** A browser-like client: keeps the session cookie between requests. */
export function portalAgent(test: TestApp): PortalAgent {
  return supertest.agent(test.app.getHttpServer());
}

/** Loads `path` and returns a CSRF token from it (this also starts the session). */
export async function csrfFrom(agent: PortalAgent, path = '/login'): Promise<string> {
  const page = await agent.get(path);
  return csrfTokenIn(page.text);
}

/** Signs in through the login form, as a browser would. */
export async function signIn(
  agent: PortalAgent,
  email: string,
  password: string = TEST_PASSWORD,
): Promise<void> {
  const token = await csrfFrom(agent, '/login');
  await agent
    .post('/login')
    .type('form')
    .send({ email, password, _csrf: token })
    .expect(303)
    .expect('location', '/');
}

/**
 * The hidden fields of the form that posts to `action` on a rendered page (CSRF token, the
 * step's version, returnTo), as a browser would send them; null when the page has no such form.
 */
export function hiddenFieldsOf(html: string, action: string): Record<string, string> | null {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) return null;
  const end = html.indexOf('</form>', start);
  const form = html.slice(start, end < 0 ? undefined : end);
  const fields: Record<string, string> = {};
  for (const match of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1]] = match[2];
  }
  return fields;
}

/** The text of a page without tags and with entities decoded, for checking sentences. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
