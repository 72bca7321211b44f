// Signs in through the portal's login form as a browser would, for benches that load pages.

function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

const cookieHeader = (jar: Map<string, string>): string =>
  [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** The Cookie header of a signed-in portal session. */
export async function portalSession(
  base: string,
  email: string,
  password: string,
): Promise<string> {
  const jar = new Map<string, string>();
  const form = await fetch(`${base}/login`);
  cookiesOf(form, jar);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1];
  if (!csrf) throw new Error('the login page has no CSRF token');
  const signIn = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
    body: new URLSearchParams({ email, password, _csrf: csrf }).toString(),
  });
  if (signIn.status !== 303)
    throw new Error(`portal sign-in as ${email} answered ${signIn.status}`);
  cookiesOf(signIn, jar);
  return cookieHeader(jar);
}
