/**
 * Talks to one built API process over HTTP as a client would: JSON with a bearer token, and the
 * portal's forms with a cookie jar (the set-password link of an invitation, the sign-in form).
 */

export interface Answer {
  status: number;
  body: unknown;
}

/** A JSON call; `token` is an Authorization header value or null. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body?: object,
): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: token } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    // not JSON (a portal page, a feed): the text is the body
  }
  return { status: response.status, body: parsed };
}

/** The same call, failing with what the process answered unless it is `status`. */
export async function expectCall<T>(
  status: number,
  baseUrl: string,
  method: string,
  path: string,
  token: string | null,
  body?: object,
): Promise<T> {
  const answer = await call(baseUrl, method, path, token, body);
  if (answer.status !== status)
    throw new Error(
      `${method} ${path} at ${baseUrl} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`,
    );
  return answer.body as T;
}

/** Signs in through POST /api/auth/login; returns the Authorization header value. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const body = await expectCall<{ accessToken: string }>(
    200,
    baseUrl,
    'POST',
    '/api/auth/login',
    null,
    { email, password },
  );
  return `Bearer ${body.accessToken}`;
}

class CookieJar {
  private readonly cookies = new Map<string, string>();

  keep(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/**
 * Opens an invitation's set-password link on one process and posts the form, with the session
 * cookie and CSRF token that process issued, to `postTo` (the same process or another one).
 */
export async function acceptInvitationAt(
  baseUrl: string,
  token: string,
  password: string,
  postTo: string = baseUrl,
): Promise<void> {
  const jar = new CookieJar();
  const page = await fetch(`${baseUrl}/set-password?token=${token}`);
  jar.keep(page);
  const csrf = csrfOf(await page.text());
  if (page.status !== 200 || csrf === '')
    throw new Error(`the set-password page at ${baseUrl} answered ${page.status}`);
  const done = await fetch(`${postTo}/set-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ token, password, confirmation: password, _csrf: csrf }).toString(),
  });
  if (done.status !== 200)
    throw new Error(`setting a password at ${postTo} answered ${done.status}`);
}

/** Signs in through the portal's login form; returns the Cookie header of the session. */
export async function portalSessionAt(
  baseUrl: string,
  email: string,
  password: string,
): Promise<string> {
  const jar = new CookieJar();
  const form = await fetch(`${baseUrl}/login`);
  jar.keep(form);
  const csrf = csrfOf(await form.text());
  const signedIn = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  if (signedIn.status !== 303)
    throw new Error(`portal sign-in as ${email} at ${baseUrl} answered ${signedIn.status}`);
  jar.keep(signedIn);
  return jar.header();
}
