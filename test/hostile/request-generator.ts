// Generates hostile requests from the OpenAPI document: wrong types, boundary values, very long
// strings, unusual Unicode, injection strings, missing and extra fields. Deterministic (seeded).

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  allOf?: Schema[];
}

export interface HostileRequest {
  method: string;
  url: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Small, fast, seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '{{constructor.constructor("return process")()}}',
  '${7*7}',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\uFEFF',
  '\u202E\u0645\u0631\u062D\u0628\u0627',
  '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦',
  '\uD800',
  'ｆｕｌｌｗｉｄｔｈ　ｓｐａｃｅ',
  '東京本社サーバー室',
  'a'.repeat(10_000),
  'x'.repeat(100_001),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-4fff-bfff-ffffffffffff',
  '-1',
  '1e309',
  'NaN',
  'true',
  'null',
  '[]',
  '{}',
  '__proto__',
  'constructor',
];

export const NASTY_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  2 ** 31,
  -(2 ** 53),
  1.5,
  Number.MAX_SAFE_INTEGER,
  [],
  [null],
  ['a'.repeat(5000)],
  {},
  { __proto__: { admin: true } },
  { constructor: { prototype: { polluted: true } } },
  Array.from({ length: 1000 }, (_, i) => i),
  ...NASTY_STRINGS,
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)];
}

function resolve(document: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref)
    return resolve(
      document,
      document.components?.schemas?.[schema.$ref.split('/').pop() as string],
    );
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => resolve(document, s)));
  return schema;
}

/** A plausible value for the schema, so that mutating one field at a time reaches deep validation. */
function plausible(
  document: OpenApiDocument,
  schema: Schema | undefined,
  next: () => number,
  depth = 0,
): unknown {
  const s = resolve(document, schema);
  if (s.enum?.length) return pick(next, s.enum);
  switch (s.type) {
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 ? [] : [plausible(document, s.items, next, depth + 1)];
    case 'object':
      return depth > 3
        ? {}
        : Object.fromEntries(
            Object.entries(s.properties ?? {}).map(([k, v]) => [
              k,
              plausible(document, v, next, depth + 1),
            ]),
          );
    default:
      if (s.format === 'uuid') return '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';
      if (s.format === 'date') return '2027-01-01';
      if (s.format === 'date-time') return '2027-01-01T00:00:00Z';
      if (s.format === 'email') return 'someone@sakura.example';
      return s.properties ? plausible(document, { ...s, type: 'object' }, next, depth) : 'text';
  }
}

function mutateBody(
  document: OpenApiDocument,
  schema: Schema | undefined,
  next: () => number,
): unknown {
  const s = resolve(document, schema);
  const base = plausible(document, s, next);
  const roll = next();
  if (roll < 0.1) return pick(next, NASTY_VALUES);
  if (typeof base !== 'object' || base === null || Array.isArray(base))
    return pick(next, NASTY_VALUES);
  const body = { ...(base as Record<string, unknown>) };
  const keys = Object.keys(body);
  if (roll < 0.3 && keys.length) delete body[pick(next, keys)];
  else if (roll < 0.4)
    body[pick(next, ['extra', '__proto__', 'isAdmin', 'organisationId', 'role'])] = pick(
      next,
      NASTY_VALUES,
    );
  else if (keys.length) body[pick(next, keys)] = pick(next, NASTY_VALUES);
  return body;
}

/** Percent-encodes; a lone surrogate (not encodable) becomes the invalid UTF-8 bytes it would be. */
function encode(value: unknown): string {
  try {
    return encodeURIComponent(String(value));
  } catch {
    return '%ED%A0%80';
  }
}

function pathValue(next: () => number): string {
  return encode(pick(next, NASTY_VALUES)).slice(0, 2000) || '%20';
}

/** `count` requests spread over every operation of the document. */
export function hostileRequests(
  document: OpenApiDocument,
  count: number,
  seed = 20261126,
): HostileRequest[] {
  const next = random(seed);
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      path,
      method: method.toUpperCase(),
      operation,
    })),
  );
  const requests: HostileRequest[] = [];
  for (let i = 0; i < count; i += 1) {
    const { path, method, operation } = operations[i % operations.length];
    const url = path.replace(/\{[^}]+\}/g, () =>
      next() < 0.5 ? '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f' : pathValue(next),
    );
    const query = (operation.parameters ?? [])
      .filter((p) => p.in === 'query')
      .map(
        (p) =>
          `${encode(p.name)}=${encode(next() < 0.5 ? plausible(document, p.schema, next) : pick(next, NASTY_VALUES)).slice(0, 3000)}`,
      );
    if (next() < 0.2)
      query.push(`${pick(next, ['limit', 'offset', 'sort', 'extra', 'q'])}=${pathValue(next)}`);
    const request: HostileRequest = {
      method,
      url: query.length ? `${url}?${query.join('&')}` : url,
    };
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    if (['POST', 'PUT', 'PATCH'].includes(method)) {
      const roll = next();
      if (roll < 0.05) {
        request.rawBody = pick(next, [
          '{',
          '{"a":',
          'not json',
          '\u0000\u0001\u0002',
          '[1,2,',
          '{"a":1}}',
        ]);
        request.contentType = 'application/json';
      } else if (roll < 0.08) {
        request.rawBody = pick(next, NASTY_STRINGS);
        request.contentType = pick(next, [
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'message/rfc822',
        ]);
      } else {
        request.body = mutateBody(document, bodySchema, next);
      }
    }
    requests.push(request);
  }
  return requests;
}
