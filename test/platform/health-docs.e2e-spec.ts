import { computeSecurityHeaders } from '../../apps/api/src/http/security-headers';
import { listRoutes, RouteInfo } from '../support/route-list';
import { startTestApp, TestApp } from '../support/test-app';

describe('platform: health, OpenAPI, security headers, request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports database and queue health', async () => {
    const response = await t.http().get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.info).toMatchObject({
      database: { status: 'up' },
      queue: { status: 'up' },
    });
  });

  it('documents every API route in OpenAPI at /docs-json', async () => {
    const response = await t.http().get('/docs-json').expect(200);
    const paths = response.body.paths as Record<string, Record<string, unknown>>;
    const documented = new Set(
      Object.entries(paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const apiRoutes = listRoutes(t.app).filter(
      (r) => r.path.startsWith('/api') || r.path.startsWith('/health'),
    );
    expect(apiRoutes.length).toBeGreaterThan(5);
    const missing = apiRoutes.map((r) => `${r.method} ${r.path}`).filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
    expect(Object.keys(response.body.components.schemas)).toEqual(
      expect.arrayContaining([
        'LoginDto',
        'CreateOrganisationDto',
        'CreateUserDto',
        'CreateEngagementDto',
      ]),
    );
    await t.http().get('/docs').expect(200);
  });

  describe('every operation of the document', () => {
    let document: OpenApiDocument;
    let operations: { key: string; route: RouteInfo; operation: Operation }[];

    beforeAll(async () => {
      document = (await t.http().get('/docs-json').expect(200)).body;
      const byId = new Map(listRoutes(t.app).map((r) => [r.operationId, r]));
      operations = Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => {
          const route = byId.get(operation.operationId);
          if (!route)
            throw new Error(`${method} ${path}: no controller route for ${operation.operationId}`);
          return { key: `${method.toUpperCase()} ${path}`, route, operation };
        }),
      );
      expect(operations.length).toBeGreaterThan(100);
    });

    const resolve = (schema: Schema | undefined): Schema | undefined => {
      if (!schema?.$ref) return schema;
      return document.components.schemas[schema.$ref.replace('#/components/schemas/', '')];
    };

    it('documents a request body with a schema wherever the controller reads one', () => {
      const missing: string[] = [];
      for (const { key, route, operation } of operations) {
        if (!route.readsBody || !['POST', 'PUT', 'PATCH'].includes(route.method)) continue;
        const content = operation.requestBody?.content ?? {};
        if (Object.keys(content).length === 0) missing.push(`${key}: no requestBody`);
        for (const [type, media] of Object.entries(content)) {
          const schema = resolve(media.schema);
          if (!schema) missing.push(`${key} ${type}: no schema`);
          if (type === 'multipart/form-data') {
            const options = (schema?.oneOf ?? [schema]).map(resolve);
            const binary = options.some((o) =>
              Object.values(o?.properties ?? {}).some(
                (p) => p.format === 'binary' || p.items?.format === 'binary',
              ),
            );
            if (!binary) missing.push(`${key}: multipart without a binary file property`);
          }
        }
      }
      expect(missing).toEqual([]);
    });

    it('documents the uploads as multipart files and the webhooks with their bodies', () => {
      const body = (id: string) =>
        operations.find((o) => o.operation.operationId === id)!.operation.requestBody!.content;
      for (const id of ['EndpointsController_import', 'SensorDeploymentController_import']) {
        expect(resolve(body(id)['multipart/form-data'].schema)?.properties?.file).toEqual(
          expect.objectContaining({ type: 'string', format: 'binary' }),
        );
      }
      expect(Object.keys(body('OnboardingStepsController_complete'))).toEqual([
        'application/json',
        'multipart/form-data',
      ]);
      expect(
        resolve(body('DetectionsController_ingest')['application/json'].schema)?.required,
      ).toEqual(
        expect.arrayContaining(['detectionId', 'detectedAt', 'hostname', 'severity', 'title']),
      );
      // Bodies a lib validates with a payload schema are described from that same schema.
      const agreement = resolve(body('AgreementController_replace')['application/json'].schema);
      expect(agreement?.required).toEqual(expect.arrayContaining(['scope', 'sla']));
      expect(agreement?.properties?.sla?.properties?.high?.properties?.respondMinutes).toEqual(
        expect.objectContaining({ type: 'integer', minimum: 1, maximum: 10080 }),
      );
      expect(
        resolve(body('ProviderCatalogueController_put')['application/json'].schema)?.required,
      ).toEqual(['supportedActions', 'languages', 'serviceHours', 'bestSlaMinutes']);
      expect(Object.keys(body('InboundEmailController_receive'))).toEqual([
        'message/rfc822',
        'text/plain',
      ]);
    });

    it('documents a success response with a body schema (or an explicit no-content answer) for every operation', () => {
      const missing: string[] = [];
      for (const { key, operation } of operations) {
        const success = Object.entries(operation.responses).filter(([status]) =>
          /^2\d\d$/.test(status),
        );
        const described = success.some(
          ([status, response]) =>
            status === '204' ||
            (Object.keys(response.content ?? {}).length > 0 &&
              Object.values(response.content ?? {}).every(
                (media) => resolve(media.schema) !== undefined,
              )),
        );
        const redirect = Object.keys(operation.responses).some((status) => /^30\d$/.test(status));
        if (!described && !redirect) missing.push(key);
      }
      expect(missing).toEqual([]);
    });

    it('types every JSON success body: no bare object, no untyped array', () => {
      const untyped = (schema: Schema | undefined, seen = new Set<Schema>()): boolean => {
        const resolved = resolve(schema);
        if (!resolved || seen.has(resolved)) return !resolved;
        seen.add(resolved);
        if (resolved.allOf) return resolved.allOf.every((s) => untyped(s, seen));
        if (resolved.oneOf) return resolved.oneOf.some((s) => untyped(s, seen));
        if (resolved.type === 'array') return untyped(resolved.items, seen);
        if (resolved.type === 'object' || !resolved.type) {
          const extra = resolved.additionalProperties;
          return (
            Object.keys(resolved.properties ?? {}).length === 0 &&
            !(extra && typeof extra === 'object' && Object.keys(extra).length > 0)
          );
        }
        return false;
      };
      const vague: string[] = [];
      for (const { key, operation } of operations) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const json = response.content?.['application/json'];
          if (
            /^2\d\d$/.test(status) &&
            json &&
            json.schema?.format !== 'binary' &&
            untyped(json.schema)
          )
            vague.push(`${key} ${status}`);
        }
      }
      expect(vague).toEqual([]);
      const schemaOf = (id: string, status = '200') =>
        resolve(
          operations.find((o) => o.operation.operationId === id)!.operation.responses[status]
            .content!['application/json'].schema,
        );
      expect(
        resolve(schemaOf('OnboardingsController_list')?.properties?.items?.items)?.properties,
      ).toEqual(
        expect.objectContaining({ customerName: { type: 'string' }, id: { type: 'string' } }),
      );
      expect(schemaOf('OnboardingsController_gate')?.properties).toEqual(
        expect.objectContaining({ blockers: expect.objectContaining({ type: 'array' }) }),
      );
      expect(schemaOf('AuthController_login')?.properties).toEqual(
        expect.objectContaining({ accessToken: expect.anything() }),
      );
      expect(schemaOf('DetectionsController_ingest', '201')?.properties).toEqual({
        id: { type: 'string' },
        created: { type: 'boolean' },
      });
      expect(Object.keys(schemaOf('IncidentsController_get')?.properties ?? {})).toEqual(
        expect.arrayContaining(['status', 'severity', 'tasks', 'timeline']),
      );
    });

    it('answers errors with the one error body, for the statuses each route can answer', () => {
      const errorBody = document.components.schemas.ErrorBodyDto;
      expect(errorBody.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message']));
      const missing: string[] = [];
      for (const { key, operation } of operations) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (
            /^4\d\d$/.test(status) &&
            response.content?.['application/json']?.schema?.$ref !==
              '#/components/schemas/ErrorBodyDto'
          )
            missing.push(`${key} ${status}`);
        }
        const has = (status: number) => operation.responses[String(status)] !== undefined;
        if (operation.security?.length && !has(401))
          missing.push(`${key}: signed-in route without 401`);
        if ((operation.parameters ?? []).some((p) => p.in === 'path') && !has(404))
          missing.push(`${key}: path parameter without 404`);
        if (
          (operation.requestBody || (operation.parameters ?? []).length > 0) &&
          !has(400) &&
          !key.startsWith('POST /api/inbound/')
        )
          missing.push(`${key}: input without 400`);
      }
      expect(missing).toEqual([]);
      const responses = (id: string) =>
        Object.keys(operations.find((o) => o.operation.operationId === id)!.operation.responses);
      expect(responses('OnboardingsController_startService')).toEqual(
        expect.arrayContaining(['201', '400', '401', '403', '404', '409']),
      );
    });

    it('is a consistent OpenAPI 3 document: every $ref resolves and every path parameter is declared', () => {
      expect(document.openapi).toMatch(/^3\./);
      const broken: string[] = [];
      const walk = (node: unknown, where: string): void => {
        if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}[${i}]`));
        if (!node || typeof node !== 'object') return;
        for (const [k, v] of Object.entries(node)) {
          if (
            k === '$ref' &&
            (typeof v !== 'string' ||
              !document.components.schemas[v.replace('#/components/schemas/', '')])
          )
            broken.push(`${where}: ${String(v)}`);
          walk(v, `${where}.${k}`);
        }
      };
      walk(document, '#');
      for (const { key, operation } of operations) {
        const declared = new Set(
          (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        );
        for (const [, name] of key.matchAll(/\{(\w+)\}/g))
          if (!declared.has(name)) broken.push(`${key}: path parameter ${name} undeclared`);
        if (!operation.operationId) broken.push(`${key}: no operationId`);
      }
      expect(broken).toEqual([]);
    });

    it('documents the customer filters as free text (a name or an id)', () => {
      for (const path of ['/api/onboardings', '/api/engagements', '/api/overview', '/api/audit']) {
        const parameter = document.paths[path].get.parameters?.find((p) => p.name === 'customer');
        expect(parameter?.schema).toEqual(expect.objectContaining({ type: 'string' }));
        expect(parameter?.schema?.format).toBeUndefined();
      }
    });
  });

  it('sends security headers and a CSP without unsafe-inline', async () => {
    const response = await t.http().get('/api/ping').expect(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
  });

  it('sends the same security headers on every kind of answer: success, refusals, errors, pages, files', async () => {
    const expected = computeSecurityHeaders(t.config);
    expect(Object.keys(expected).length).toBeGreaterThan(8);
    const answers = [
      { path: '/api/ping', status: 200, cache: 'no-store' },
      { path: '/api/ping?q=%00', status: 400, cache: 'no-store' },
      { path: '/api/me', status: 401, cache: 'no-store' },
      { path: '/api/no-such-route', status: 404, cache: 'no-store' },
      { path: '/overview', status: 302, cache: 'no-store' },
      { path: '/login', status: 200, cache: 'no-store' },
      { path: '/static/portal.css', status: 200, cache: null },
    ];
    for (const { path, status, cache } of answers) {
      const response = await t.http().get(path);
      expect({ path, status: response.status }).toEqual({ path, status });
      for (const [name, value] of Object.entries(expected))
        expect({ path, name, value: response.headers[name] }).toEqual({ path, name, value });
      if (cache)
        expect({ path, cache: response.headers['cache-control'] }).toEqual({ path, cache });
      else expect(response.headers['cache-control']).not.toContain('no-store');
      // No session is written for a caller that brought none and changed nothing (the login
      // form's page writes one: its CSRF secret).
      if (path !== '/login')
        expect({ path, cookie: response.headers['set-cookie'] }).toEqual({
          path,
          cookie: undefined,
        });
    }
  });
});

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  required?: string[];
  oneOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
}
interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<
    string,
    { description?: string; content?: Record<string, { schema?: Schema }> }
  >;
  security?: unknown[];
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
