// Plain HTTP calls of a bench's set-up phase, with errors that say what answered what.

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export async function call(
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed };
}

export async function expectStatus(
  method: string,
  url: string,
  token: string | null,
  status: number,
  body?: unknown,
): Promise<unknown> {
  const answer = await call(method, url, token, body);
  if (answer.status !== status) {
    throw new Error(
      `${method} ${url} answered ${answer.status}, expected ${status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
    );
  }
  return answer.body;
}

export async function login(api: string, email: string, password: string): Promise<string> {
  return (
    (await expectStatus('POST', `${api}/api/auth/login`, null, 200, { email, password })) as {
      accessToken: string;
    }
  ).accessToken;
}
