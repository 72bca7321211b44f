import type { NestFastifyApplication } from '@nestjs/platform-fastify';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface UploadFile {
  field: string;
  name: string;
  type: string;
  content: string;
}

/**
 * The scenario's people acting through the app's own HTTP routes, in-process (Fastify's inject:
 * no socket, the same guards, validation, services and audit as a browser's or a script's call).
 * Each person logs in with their password once; every call names the status it expects.
 */
export class InProcessClient {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly app: NestFastifyApplication,
    private readonly password: string,
  ) {}

  async ok<T = unknown>(
    email: string | null,
    method: Method,
    path: string,
    body?: unknown,
    status?: number,
  ): Promise<T> {
    const expected = status ?? (method === 'POST' ? 201 : 200);
    const headers: Record<string, string> = { 'user-agent': 'demo scenario' };
    if (email !== null) headers.authorization = await this.bearer(email);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.app.inject({
      method,
      url: path,
      headers,
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    return answer<T>(
      response.statusCode,
      response.body,
      expected,
      `${method} ${path} as ${email ?? 'nobody'}`,
    );
  }

  /** A multipart POST, as a script's upload sends it. */
  async upload<T = unknown>(
    email: string,
    path: string,
    fields: Record<string, string>,
    files: UploadFile[],
    status = 200,
  ): Promise<T> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files)
      form.append(file.field, new Blob([file.content], { type: file.type }), file.name);
    // The platform's own encoder writes the multipart body and its boundary.
    const encoded = new Response(form);
    const payload = Buffer.from(await encoded.arrayBuffer());
    const response = await this.app.inject({
      method: 'POST',
      url: path,
      headers: {
        authorization: await this.bearer(email),
        'content-type': encoded.headers.get('content-type') ?? '',
        'user-agent': 'demo scenario',
      },
      payload,
    });
    return answer<T>(
      response.statusCode,
      response.body,
      status,
      `POST ${path} (multipart) as ${email}`,
    );
  }

  /** Tokens are signed with the process's key: a restarted seed signs everyone in again. */
  private async bearer(email: string): Promise<string> {
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

function answer<T>(status: number, text: string, expected: number, what: string): T {
  if (status !== expected)
    throw new Error(`${what}: expected ${expected}, got ${status} ${text.slice(0, 600)}`);
  if (text.length === 0) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    return text as T;
  }
}
