import { listRoutes } from '../support/route-list';
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
    expect(response.body.info).toMatchObject({ database: { status: 'up' }, queue: { status: 'up' } });
  });

  it('documents every API route in OpenAPI at /docs-json', async () => {
    const response = await t.http().get('/docs-json').expect(200);
    const paths = response.body.paths as Record<string, Record<string, unknown>>;
    const documented = new Set(
      Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)),
    );
    const apiRoutes = listRoutes(t.app).filter((r) => r.path.startsWith('/api') || r.path.startsWith('/health'));
    expect(apiRoutes.length).toBeGreaterThan(5);
    const missing = apiRoutes.map((r) => `${r.method} ${r.path}`).filter((r) => !documented.has(r));
    expect(missing).toEqual([]);
    expect(Object.keys(response.body.components.schemas)).toEqual(
      expect.arrayContaining(['LoginDto', 'CreateOrganisationDto', 'CreateUserDto', 'CreateEngagementDto']),
    );
    await t.http().get('/docs').expect(200);
  });

  it('sends security headers and a CSP without unsafe-inline', async () => {
    const response = await t.http().get('/api/ping').expect(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
  });
});
