import { Clock } from '@app/platform';
import { createHash } from 'node:crypto';
import { insertIncident } from '../incidents/support/insert-incident';
import { csrfTokenIn, portalAgent, signIn, textOf } from '../portal/portal-client';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Keys for integrations through the real stack: made by an organisation's lead, shown once,
 * stored as a hash, usable as a bearer only where a scope allows, narrowed to one engagement
 * when made for it, dead once revoked, expired or its maker disabled, and every use audited.
 */
describe('API keys', () => {
  let t: TestApp;
  let sakura: string;
  let northwind: string;
  let sakuraLead: string;
  let providerLead: string;

  const makeKey = async (
    token: string,
    body: object,
  ): Promise<{ key: string; apiKey: { id: string; status: string } }> =>
    (await t.http().post('/api/api-keys').set('Authorization', token).send(body).expect(201)).body;
  const withKey = (key: string): string => `Bearer ${key}`;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const rows: { id: string; name: string }[] = await t.dataSource.query(
      `SELECT e.id, o.name FROM engagement e JOIN organisation o ON o.id = e.customer_organisation_id`,
    );
    sakura = rows.find((r) => r.name.startsWith('Sakura'))?.id as string;
    northwind = rows.find((r) => r.name.startsWith('Northwind'))?.id as string;
    sakuraLead = await bearer(t, 'security@sakura.example');
    providerLead = await bearer(t, 'lead@mdr.example');
    await insertIncident(t, sakura, 'Sakura incident');
    await insertIncident(t, northwind, 'Northwind incident');
  });
  afterAll(() => t.close());

  it('shows the secret once and keeps only its SHA-256', async () => {
    const made = await makeKey(sakuraLead, {
      name: 'SIEM',
      scopes: ['incidents:read'],
      engagementId: sakura,
    });
    expect(made.key).toMatch(/^mdrk_[A-Za-z0-9_-]{43}$/);
    expect(made.apiKey.status).toBe('active');
    const [row] = await t.dataSource.query(`SELECT * FROM api_key WHERE id = $1`, [made.apiKey.id]);
    expect(row.secret_hash).toBe(createHash('sha256').update(made.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(made.key.slice(5));
    const list = await t.http().get('/api/api-keys').set('Authorization', sakuraLead).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(made.key.slice(5));
    expect(list.body.items.find((k: { id: string }) => k.id === made.apiKey.id)).toMatchObject({
      name: 'SIEM',
      scopes: ['incidents:read'],
      displayPrefix: made.key.slice(0, 11),
    });
    const [audit] = await t.dataSource.query(
      `SELECT changes FROM audit_record WHERE action = 'api_key.created' AND subject_id = $1`,
      [made.apiKey.id],
    );
    expect(JSON.stringify(audit.changes)).not.toContain(made.key.slice(5));
  });

  it('works on the routes its scopes allow and answers 403 everywhere else; every use is recorded', async () => {
    const { key, apiKey } = await makeKey(sakuraLead, {
      name: 'Reader',
      scopes: ['incidents:read'],
      engagementId: sakura,
    });
    const incidents = await t
      .http()
      .get(`/api/engagements/${sakura}/incidents`)
      .set('Authorization', withKey(key))
      .expect(200);
    expect(incidents.body.items.map((i: { title: string }) => i.title)).toEqual([
      'Sakura incident',
    ]);
    // A scope it lacks, a route no key may use, and a person's own routes.
    await t
      .http()
      .post(`/api/engagements/${sakura}/incidents`)
      .set('Authorization', withKey(key))
      .send({ title: 'x', severity: 'low' })
      .expect(403);
    await t
      .http()
      .get(`/api/engagements/${sakura}/block-list`)
      .set('Authorization', withKey(key))
      .expect(403);
    await t.http().get('/api/engagements').set('Authorization', withKey(key)).expect(403);
    await t.http().get('/api/me').set('Authorization', withKey(key)).expect(403);
    await t
      .http()
      .post('/api/api-keys')
      .set('Authorization', withKey(key))
      .send({ name: 'x', scopes: ['incidents:read'] })
      .expect(403);
    await t.http().post('/api/auth/logout').set('Authorization', withKey(key)).expect(403);
    // Another tenant's engagement: 404, as for anyone who does not see it.
    await t
      .http()
      .get(`/api/engagements/${northwind}/incidents`)
      .set('Authorization', withKey(key))
      .expect(404);
    const [row] = await t.dataSource.query(
      `SELECT last_used_at, last_used_ip FROM api_key WHERE id = $1`,
      [apiKey.id],
    );
    expect(row.last_used_at).not.toBeNull();
    expect(row.last_used_ip).toBeTruthy();
    const uses: {
      changes: { method: string; route: string; allowed: boolean };
      engagement_id: string;
    }[] = await t.dataSource.query(
      `SELECT changes, engagement_id FROM audit_record WHERE action = 'api_key.used' AND subject_id = $1 ORDER BY seq`,
      [apiKey.id],
    );
    expect(uses.map((u) => [u.changes.method, u.changes.route, u.changes.allowed])).toEqual([
      ['GET', '/api/engagements/:id/incidents', true],
      ['POST', '/api/engagements/:id/incidents', false],
      ['GET', '/api/engagements/:id/block-list', false],
      ['GET', '/api/engagements', false],
      ['GET', '/api/me', false],
      ['POST', '/api/api-keys', false],
      ['POST', '/api/auth/logout', false],
      ['GET', '/api/engagements/:id/incidents', true],
    ]);
    expect(new Set(uses.map((u) => u.engagement_id))).toEqual(new Set([sakura]));
  });

  it('narrows a key made for one engagement; an organisation key sees what its maker sees', async () => {
    const one = await makeKey(providerLead, {
      name: 'Sakura only',
      scopes: ['incidents:read'],
      engagementId: sakura,
    });
    const all = await makeKey(providerLead, { name: 'All customers', scopes: ['incidents:read'] });
    await t
      .http()
      .get(`/api/engagements/${sakura}/incidents`)
      .set('Authorization', withKey(one.key))
      .expect(200);
    await t
      .http()
      .get(`/api/engagements/${northwind}/incidents`)
      .set('Authorization', withKey(one.key))
      .expect(404);
    await t
      .http()
      .get(`/api/engagements/${sakura}/incidents`)
      .set('Authorization', withKey(all.key))
      .expect(200);
    const nw = await t
      .http()
      .get(`/api/engagements/${northwind}/incidents`)
      .set('Authorization', withKey(all.key))
      .expect(200);
    expect(nw.body.items.map((i: { title: string }) => i.title)).toEqual(['Northwind incident']);
    // A key cannot be made for an engagement its maker does not see.
    await t
      .http()
      .post('/api/api-keys')
      .set('Authorization', sakuraLead)
      .send({ name: 'x', scopes: ['incidents:read'], engagementId: northwind })
      .expect(404);
  });

  it('delivers detections with detections:write in place of the webhook signature', async () => {
    await t
      .http()
      .put(`/api/engagements/${sakura}/notification-routing`)
      .set('Authorization', sakuraLead)
      .send({ mode: 'per_country' })
      .expect(200);
    const { key } = await makeKey(sakuraLead, {
      name: 'EDR',
      scopes: ['detections:write', 'detections:read'],
      engagementId: sakura,
    });
    const detection = {
      detectionId: 'key-1',
      detectedAt: '2026-11-02T02:00:00Z',
      hostname: 'jp-pc-1',
      severity: 'high',
      title: 'Credential theft',
    };
    const created = await t
      .http()
      .post(`/api/engagements/${sakura}/detections`)
      .set('Authorization', withKey(key))
      .send(detection)
      .expect(201);
    await t
      .http()
      .post(`/api/engagements/${sakura}/detections`)
      .set('Authorization', withKey(key))
      .send(detection)
      .expect(200);
    const listed = await t
      .http()
      .get(`/api/engagements/${sakura}/detections`)
      .set('Authorization', withKey(key))
      .expect(200);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([created.body.id]);
    await t
      .http()
      .post(`/api/engagements/${northwind}/detections`)
      .set('Authorization', withKey(key))
      .send(detection)
      .expect(404);
    // Without the scope, and unsigned without a key: refused.
    const reader = await makeKey(sakuraLead, { name: 'Reader', scopes: ['incidents:read'] });
    await t
      .http()
      .post(`/api/engagements/${sakura}/detections`)
      .set('Authorization', withKey(reader.key))
      .send(detection)
      .expect(403);
    await t.http().post(`/api/engagements/${sakura}/detections`).send(detection).expect(401);
  });

  it('answers 401 once revoked, expired, unknown or its maker disabled', async () => {
    const revoked = await makeKey(sakuraLead, { name: 'Revoked', scopes: ['incidents:read'] });
    await t
      .http()
      .get(`/api/engagements/${sakura}/incidents`)
      .set('Authorization', withKey(revoked.key))
      .expect(200);
    const answer = await t
      .http()
      .post(`/api/api-keys/${revoked.apiKey.id}/revoke`)
      .set('Authorization', sakuraLead)
      .expect(200);
    expect(answer.body.status).toBe('revoked');
    await t
      .http()
      .get(`/api/engagements/${sakura}/incidents`)
      .set('Authorization', withKey(revoked.key))
      .expect(401);
    const [revokedAudit] = await t.dataSource.query(
      `SELECT actor_user_id FROM audit_record WHERE action = 'api_key.revoked' AND subject_id = $1`,
      [revoked.apiKey.id],
    );
    expect(revokedAudit).toBeDefined();

    const short = await makeKey(sakuraLead, {
      name: 'Short',
      scopes: ['incidents:read'],
      expiresInDays: 1,
    });
    await t
      .http()
      .get(`/api/engagements/${sakura}/incidents`)
      .set('Authorization', withKey(short.key))
      .expect(200);
    const clock = t.app.get(Clock);
    const now = clock.now();
    clock.travelTo(new Date(now.getTime() + 24 * 3600_000 + 1000));
    try {
      await t
        .http()
        .get(`/api/engagements/${sakura}/incidents`)
        .set('Authorization', withKey(short.key))
        .expect(401);
    } finally {
      clock.travelTo(now);
    }

    await t
      .http()
      .get(`/api/engagements/${sakura}/incidents`)
      .set('Authorization', withKey(`mdrk_${'A'.repeat(43)}`))
      .expect(401);

    // Keys act as their maker: a disabled maker's keys stop; signing out does not end them.
    await t
      .http()
      .post('/api/users')
      .set('Authorization', sakuraLead)
      .send({
        email: 'second-lead@sakura.example',
        displayName: 'Second Lead',
        role: 'customer_security_lead',
        organisationId: (
          await t.dataSource.query(
            `SELECT customer_organisation_id AS id FROM engagement WHERE id = $1`,
            [sakura],
          )
        )[0].id,
      })
      .expect(201);
    const [second] = await t.dataSource.query(
      `SELECT id FROM app_user WHERE email = 'second-lead@sakura.example'`,
    );
    await t.dataSource.query(
      `UPDATE app_user SET password_hash = (SELECT password_hash FROM app_user WHERE email = 'security@sakura.example') WHERE id = $1`,
      [second.id],
    );
    const secondToken = await bearer(t, 'second-lead@sakura.example');
    const theirs = await makeKey(secondToken, { name: 'Theirs', scopes: ['incidents:read'] });
    await t.http().post('/api/auth/logout').set('Authorization', secondToken).expect(204);
    await t
      .http()
      .get(`/api/engagements/${sakura}/incidents`)
      .set('Authorization', withKey(theirs.key))
      .expect(200);
    await t
      .http()
      .post(`/api/users/${second.id}/disable`)
      .set('Authorization', sakuraLead)
      .expect(200);
    await t
      .http()
      .get(`/api/engagements/${sakura}/incidents`)
      .set('Authorization', withKey(theirs.key))
      .expect(401);
  });

  it('is managed by the organisation’s leads only, with validated input', async () => {
    await t
      .http()
      .get('/api/api-keys')
      .set('Authorization', await bearer(t, 'it-jp@sakura.example'))
      .expect(403);
    await t
      .http()
      .post('/api/api-keys')
      .set('Authorization', await bearer(t, 'analyst@mdr.example'))
      .send({ name: 'x', scopes: ['incidents:read'] })
      .expect(403);
    await t
      .http()
      .get('/api/api-keys')
      .set('Authorization', await bearer(t, 'admin@portal.example'))
      .expect(403);
    const bad = await t
      .http()
      .post('/api/api-keys')
      .set('Authorization', sakuraLead)
      .send({ name: 'x', scopes: ['everything'] })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('scopes');
    const days = await t
      .http()
      .post('/api/api-keys')
      .set('Authorization', sakuraLead)
      .send({ name: 'x', scopes: ['incidents:read'], expiresInDays: 400 })
      .expect(400);
    expect(JSON.stringify(days.body)).toContain('expiresInDays');
    // Each organisation lists its own keys only; another organisation's key answers 404.
    const providers = await t
      .http()
      .get('/api/api-keys')
      .set('Authorization', providerLead)
      .expect(200);
    const sakuras = await t
      .http()
      .get('/api/api-keys')
      .set('Authorization', sakuraLead)
      .expect(200);
    const providerIds = new Set(providers.body.items.map((k: { id: string }) => k.id));
    expect(sakuras.body.items.some((k: { id: string }) => providerIds.has(k.id))).toBe(false);
    await t
      .http()
      .post(`/api/api-keys/${providers.body.items[0].id}/revoke`)
      .set('Authorization', sakuraLead)
      .expect(404);
  });

  it('has a portal page in the reader’s language: made once shown, listed, revoked', async () => {
    const agent = portalAgent(t);
    await signIn(agent, 'security@sakura.example');
    const account = await agent.get('/account').expect(200);
    expect(account.text).toContain('href="/account/api-keys"');
    const page = await agent.get('/account/api-keys').expect(200);
    // Sakura's lead reads Japanese.
    expect(textOf(page.text)).toContain('連携用 API キー');
    const refused = await agent
      .post('/account/api-keys')
      .type('form')
      .send({ _csrf: csrfTokenIn(page.text), name: 'Portal key', expiresInDays: '30' })
      .expect(400);
    expect(textOf(refused.text)).toContain('スコープを一つ以上選んでください');
    const made = await agent
      .post('/account/api-keys')
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfTokenIn(page.text))}&name=Portal+key&scopes=incidents%3Aread&scopes=block-list%3Aread&engagementId=${sakura}&expiresInDays=30`,
      )
      .expect(201);
    const secret = /data-testid="api-key-secret">(mdrk_[A-Za-z0-9_-]+)</.exec(
      made.text,
    )?.[1] as string;
    expect(secret).toBeDefined();
    expect(made.headers['cache-control']).toContain('no-store');
    await t
      .http()
      .get(`/api/engagements/${sakura}/block-list`)
      .set('Authorization', withKey(secret))
      .expect(200);
    const listed = await agent.get('/account/api-keys').expect(200);
    expect(listed.text).not.toContain(secret);
    expect(listed.text).toContain(secret.slice(0, 11));
    const [row] = await t.dataSource.query(`SELECT id FROM api_key WHERE display_prefix = $1`, [
      secret.slice(0, 11),
    ]);
    await agent
      .post(`/account/api-keys/${row.id}/revoke`)
      .type('form')
      .send({ _csrf: csrfTokenIn(listed.text) })
      .expect(303);
    await t
      .http()
      .get(`/api/engagements/${sakura}/block-list`)
      .set('Authorization', withKey(secret))
      .expect(401);
    const after = await agent.get('/account/api-keys').expect(200);
    expect(textOf(after.text)).toContain('キー「Portal key」を失効させました');
    // Not a lead: no link, and the page is refused.
    const it = portalAgent(t);
    await signIn(it, 'it-jp@sakura.example');
    expect((await it.get('/account').expect(200)).text).not.toContain('/account/api-keys');
    await it.get('/account/api-keys').expect(403);
  });
});
