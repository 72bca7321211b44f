/**
 * Speaks only HTTP to a running portal, as its people's browsers and scripts do: bearer-token
 * JSON calls, multipart uploads, and the portal's HTML forms (a cookie jar and the page's CSRF
 * token). The same client drives the in-process server-mode app (listening on loopback) and the
 * booted embedded process, so one journey runs in both.
 *
 * Every call names the status it expects; any other answer (a 403 above all) throws with the
 * call, the person and the answer, so a step its owner cannot do fails the journey at once.
 */
export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class JourneyClient {
  private readonly tokens = new Map<string, string>();

  constructor(
    public baseUrl: string,
    readonly password: string,
  ) {}

  /** After a restart the process signs tokens with a new key: sign everyone in again. */
  forgetTokens(): void {
    this.tokens.clear();
  }

  async call<T = any>(
    email: string | null,
    method: Method,
    path: string,
    body?: unknown,
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (email !== null) headers.authorization = await this.bearer(email);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return answerOf<T>(response);
  }

  /** The call's body; throws naming the call unless it answered `status`. */
  async ok<T = any>(
    email: string | null,
    method: Method,
    path: string,
    body?: unknown,
    status?: number,
  ): Promise<T> {
    const expected = status ?? (method === 'POST' ? 201 : 200);
    return expectStatus(
      await this.call<T>(email, method, path, body),
      expected,
      `${method} ${path} as ${email ?? 'nobody'}`,
    );
  }

  /** A multipart POST: text fields and files, as a browser's form or a script's upload sends them. */
  async upload<T = any>(
    email: string,
    path: string,
    fields: Record<string, string>,
    files: { field: string; name: string; type: string; content: string | Buffer }[],
    status = 200,
  ): Promise<T> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files)
      form.append(file.field, new Blob([file.content], { type: file.type }), file.name);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: await this.bearer(email) },
      body: form,
    });
    return expectStatus(
      await answerOf<T>(response),
      status,
      `POST ${path} (multipart) as ${email}`,
    );
  }

  /** A file as it downloads: its bytes and headers, whatever the status. */
  async download(
    email: string,
    path: string,
  ): Promise<{ status: number; body: Buffer; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { authorization: await this.bearer(email) },
    });
    return {
      status: response.status,
      body: Buffer.from(await response.arrayBuffer()),
      headers: response.headers,
    };
  }

  async bearer(email: string): Promise<string> {
    let token = this.tokens.get(email);
    if (token === undefined) {
      const body = await this.ok<{ accessToken: string }>(
        null,
        'POST',
        '/api/auth/login',
        { email, password: this.password },
        200,
      );
      token = `Bearer ${body.accessToken}`;
      this.tokens.set(email, token);
    }
    return token;
  }
}

/**
 * A public page reached by an emailed link (no sign-in): GET it for its session cookie and CSRF
 * token, then POST the form with the given fields, as the recipient's browser would.
 */
export async function submitLinkForm(
  baseUrl: string,
  path: string,
  fields: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const page = await fetch(`${baseUrl}${path}`);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`GET ${path}: ${page.status}\n${html.slice(0, 400)}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error(`No form on ${path}`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    redirect: 'manual',
  });
  return { status: response.status, text: await response.text() };
}

async function answerOf<T>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json') && text.length > 0;
  return {
    status: response.status,
    body: (json ? JSON.parse(text) : text) as T,
    headers: response.headers,
  };
}

function expectStatus<T>(answer: Answer<T>, status: number, what: string): T {
  if (answer.status !== status) {
    throw new Error(
      `${what}: expected ${status}, got ${answer.status} ${typeof answer.body === 'string' ? answer.body.slice(0, 600) : JSON.stringify(answer.body)}`,
    );
  }
  return answer.body;
}
