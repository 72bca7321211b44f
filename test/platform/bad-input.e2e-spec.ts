import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('bad input answers 4xx with a clear message, never 500', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true, env: { BODY_LIMIT_BYTES: '65536' } });
    admin = await bearer(t, 'admin@portal.example');
  });
  afterAll(() => t.close());

  const expectError = (body: Record<string, unknown>, status: number, code: string): void => {
    expect(body).toMatchObject({ statusCode: status, code, message: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+|QueryFailedError|SELECT /);
  };

  it('malformed JSON', async () => {
    const response = await t
      .http()
      .post('/api/organisations')
      .set('Authorization', admin)
      .set('Content-Type', 'application/json')
      .send('{"kind": "customer",');
    expect(response.status).toBe(400);
    expectError(response.body, 400, 'MALFORMED_JSON');
  });

  it('unknown fields are refused, naming the field', async () => {
    const response = await t
      .http()
      .post('/api/organisations')
      .set('Authorization', admin)
      .send({ kind: 'customer', name: 'A', language: 'en', emailDomains: [], isAdmin: true });
    expect(response.status).toBe(400);
    expectError(response.body, 400, 'VALIDATION_FAILED');
    expect(response.body.details).toEqual([expect.objectContaining({ field: 'isAdmin' })]);
  });

  it('wrong types and missing fields name each field', async () => {
    const response = await t
      .http()
      .post('/api/organisations')
      .set('Authorization', admin)
      .send({ kind: 'reseller', name: 42, emailDomains: 'x.example' });
    expect(response.status).toBe(400);
    const fields = (response.body.details as { field: string }[]).map((d) => d.field);
    expect(new Set(fields)).toEqual(new Set(['kind', 'name', 'language', 'emailDomains']));
    expect(response.body.message).toContain('language');
  });

  it('an id that is not a UUID is a 400 naming the parameter', async () => {
    const response = await t.http().get('/api/engagements/not-a-uuid').set('Authorization', admin);
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });

  it('bad query parameters are 400, not 500', async () => {
    const response = await t
      .http()
      .get('/api/engagements?limit=abc&offset=-1')
      .set('Authorization', admin);
    expect(response.status).toBe(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'limit',
      'limit',
      'limit',
      'offset',
    ]);
  });

  it('an oversized body is 413', async () => {
    const response = await t
      .http()
      .post('/api/organisations')
      .set('Authorization', admin)
      .send({ kind: 'customer', name: 'x'.repeat(70000), language: 'en', emailDomains: [] });
    expect(response.status).toBe(413);
    expectError(response.body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a JSON body that is not an object is 400', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('[1,2,3]');
    expect(response.status).toBe(400);
  });

  it('an unknown route is a 404 in the standard body', async () => {
    const response = await t.http().get('/api/nothing-here').set('Authorization', admin);
    expect(response.status).toBe(404);
    expectError(response.body, 404, 'NOT_FOUND');
  });

  it('nothing is written when a request fails', async () => {
    const before = await t.dataSource.query('SELECT count(*)::int AS n FROM organisation');
    await t
      .http()
      .post('/api/organisations')
      .set('Authorization', admin)
      .send({ kind: 'customer', name: '', language: 'en', emailDomains: [] })
      .expect(400);
    const after = await t.dataSource.query('SELECT count(*)::int AS n FROM organisation');
    expect(after[0].n).toBe(before[0].n);
  });
});
