import { createHash } from 'node:crypto';
import { startSmtpSink } from '../support/smtp-sink';
import { bearer, startTestApp, TestApp } from '../support/test-app';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

describe('admin API: organisations, users, engagements', () => {
  let t: TestApp;
  let sink: Sink;
  let admin: string;
  let lead: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: sink.url } });
    admin = await bearer(t, 'admin@portal.example');
    lead = await bearer(t, 'lead@mdr.example');
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('lets a platform admin set up a customer, a user and an engagement; the user gets a welcome email in their language', async () => {
    const org = await t
      .http()
      .post('/api/organisations')
      .set('Authorization', admin)
      .send({
        kind: 'customer',
        name: 'Kaede Logistics',
        language: 'ja',
        emailDomains: ['Kaede.example'],
      })
      .expect(201);
    expect(org.body).toMatchObject({
      kind: 'customer',
      name: 'Kaede Logistics',
      emailDomains: ['kaede.example'],
    });

    const user = await t
      .http()
      .post('/api/users')
      .set('Authorization', admin)
      .send({
        email: 'ciso@kaede.example',
        displayName: '高橋 健',
        organisationId: org.body.id,
        role: 'customer_security_lead',
      })
      .expect(201);
    expect(user.body).toMatchObject({
      email: 'ciso@kaede.example',
      language: 'ja',
      roles: [{ role: 'customer_security_lead' }],
    });

    const recipient = (m: (typeof sink.messages)[number]): string =>
      m.to && 'text' in m.to ? m.to.text : '';
    let mail = sink.messages.find((m) => recipient(m).includes('ciso@kaede.example'));
    for (let i = 0; i < 100 && !mail; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      mail = sink.messages.find((m) => recipient(m).includes('ciso@kaede.example'));
    }
    if (!mail) throw new Error('the welcome email never arrived');
    expect(sink.messages.filter((m) => recipient(m).includes('ciso@kaede.example'))).toHaveLength(
      1,
    );
    expect(mail.text).toContain('Kaede Logistics');
    expect(mail.subject).toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/); // Japanese subject
    const token = /\/set-password\?token=([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1];
    expect(token).toBeDefined();
    // The token exists at rest only as its SHA-256: not in the outbox, not in the token table.
    const [outbox] = await t.dataSource.query(
      `SELECT payload::text AS payload FROM outbox_message WHERE payload->>'email' = 'ciso@kaede.example'`,
    );
    expect(outbox.payload).not.toContain(token);
    expect(JSON.parse(outbox.payload)).toMatchObject({ invited: true });
    const hashes = await t.dataSource.query(
      `SELECT token_hash FROM one_time_token WHERE recipient = 'ciso@kaede.example'`,
    );
    expect(hashes).toEqual([
      {
        token_hash: createHash('sha256')
          .update(token as string)
          .digest('hex'),
      },
    ]);

    const providers = await t
      .http()
      .get('/api/organisations?kind=provider')
      .set('Authorization', admin)
      .expect(200);
    const providerId = providers.body.items[0].id as string;
    const engagement = await t
      .http()
      .post('/api/engagements')
      .set('Authorization', admin)
      .send({
        customerOrganisationId: org.body.id,
        providerOrganisationId: providerId,
        name: 'Kaede MDR',
      })
      .expect(201);
    expect(engagement.body).toMatchObject({
      customerName: 'Kaede Logistics',
      providerName: 'Example MDR',
      status: 'onboarding',
    });
    await t
      .http()
      .get(`/api/engagements/${engagement.body.id}`)
      .set('Authorization', lead)
      .expect(200);

    const duplicate = await t.http().post('/api/engagements').set('Authorization', admin).send({
      customerOrganisationId: org.body.id,
      providerOrganisationId: providerId,
      name: 'Again',
    });
    expect(duplicate.status).toBe(409);
  });

  it('refuses a customer user whose email is outside the declared domains, naming the field', async () => {
    const orgs = await t
      .http()
      .get('/api/organisations?kind=customer')
      .set('Authorization', admin)
      .expect(200);
    const sakura = orgs.body.items.find((o: { name: string }) => o.name === 'Sakura Manufacturing');
    const response = await t.http().post('/api/users').set('Authorization', admin).send({
      email: 'someone@gmail.example',
      displayName: 'X',
      organisationId: sakura.id,
      role: 'customer_it',
      countryCode: 'JP',
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details).toEqual([expect.objectContaining({ field: 'email' })]);
  });

  it('lets a provider lead onboard its own customer and see it, but not create platform admins', async () => {
    const org = await t
      .http()
      .post('/api/organisations')
      .set('Authorization', lead)
      .send({ kind: 'customer', name: 'Lead Co', language: 'en', emailDomains: ['leadco.example'] })
      .expect(201);
    await t.http().get(`/api/organisations/${org.body.id}`).set('Authorization', lead).expect(200);
    const engagement = await t
      .http()
      .post('/api/engagements')
      .set('Authorization', lead)
      .send({ customerOrganisationId: org.body.id, name: 'Lead Co MDR' })
      .expect(201);
    expect(engagement.body.providerName).toBe('Example MDR');
    await t
      .http()
      .post('/api/users')
      .set('Authorization', lead)
      .send({ email: 'root@portal.example', displayName: 'Root', role: 'platform_admin' })
      .expect(403);
    const provider = await t
      .http()
      .post('/api/organisations')
      .set('Authorization', lead)
      .send({ kind: 'provider', name: 'Rival MDR', language: 'en', emailDomains: [] });
    expect(provider.status).toBe(403);
  });

  it('forbids customers from the admin API', async () => {
    const customer = await bearer(t, 'security@sakura.example');
    const response = await t
      .http()
      .post('/api/organisations')
      .set('Authorization', customer)
      .send({ kind: 'customer', name: 'Nope', language: 'en', emailDomains: [] });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });

  it('refuses a @Can route to every role without its capability before reading the body (403, not 400)', async () => {
    const refused: [string, string][] = [
      ['analyst@mdr.example', '/api/organisations'],
      ['it-jp@sakura.example', '/api/users'],
      ['am@mdr.example', '/api/engagements'],
      ['analyst@mdr.example', '/api/onboardings'],
      ['security@sakura.example', '/api/onboardings'],
    ];
    for (const [email, path] of refused) {
      const response = await t
        .http()
        .post(path)
        .set('Authorization', await bearer(t, email))
        .send({});
      expect({ email, path, status: response.status, code: response.body.code }).toEqual({
        email,
        path,
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    // A holder passes the guard and meets the validation (an empty body names its fields).
    const allowed = await t
      .http()
      .post('/api/onboardings')
      .set('Authorization', await bearer(t, 'am@mdr.example'))
      .send({});
    expect(allowed.status).toBe(400);
  });

  it('writes every change to the audit log with the actor, in the same transaction', async () => {
    const before: { n: string }[] = await t.dataSource.query(
      'SELECT count(*) AS n FROM audit_record',
    );
    await t
      .http()
      .post('/api/organisations')
      .set('Authorization', admin)
      .set('User-Agent', 'audit-test-agent')
      .send({
        kind: 'customer',
        name: 'Audited Co',
        language: 'zh',
        emailDomains: ['audited.example'],
      })
      .expect(201);
    const rows = await t.dataSource.query(
      `SELECT action, actor_user_agent, actor_ip, changes FROM audit_record ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({
      action: 'organisation.created',
      actor_user_agent: 'audit-test-agent',
    });
    expect(rows[0].actor_ip).toBeTruthy();
    expect(rows[0].changes.name).toBe('Audited Co');
    const after: { n: string }[] = await t.dataSource.query(
      'SELECT count(*) AS n FROM audit_record',
    );
    expect(Number(after[0].n)).toBe(Number(before[0].n) + 1);
  });
});
