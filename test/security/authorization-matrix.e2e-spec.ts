import { createAgreementObjects } from '../agreements/support/agreements-driver';
import { createRolloutPlanningObjects } from '../rollout-groups/support/planning-fixtures';
import { insertIncident } from '../incidents/support/insert-incident';
import { inviteAndAccept } from '../support/invitations';
import { listRoutes, RouteInfo } from '../support/route-list';
import { insertSignatureRequest } from '../support/signature-driver';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { csrfFrom, portalAgent, signIn } from '../portal/portal-client';

/**
 * Generated from the route list: every route that takes an id, called by every role with the
 * id of an object belonging to another tenant, must answer 404 and show nothing of it. A new
 * route with an id fails here until its kind of object is named below.
 */
const ROLES_TO_TRY = [
  'lead@mdr.example',
  'analyst@mdr.example',
  'am@mdr.example',
  'security@sakura.example',
  'it-jp@sakura.example',
  'it-cn@sakura.example',
  'security@northwind.example',
];

interface OtherTenant {
  providerId: string;
  customerId: string;
  engagementId: string;
  accountManagerId: string;
  onboardingId: string;
  apiKeyId: string;
  sessionId: string;
  passkeyId: string;
  names: string[];
}

/** Which other-tenant object each id-taking path prefix addresses. */
const OBJECT_FOR_PREFIX: { prefix: string; id: (o: OtherTenant) => string }[] = [
  { prefix: '/api/organisations/:id', id: (o) => o.customerId },
  { prefix: '/api/engagements/:id', id: (o) => o.engagementId },
  { prefix: '/api/onboardings/:id', id: (o) => o.onboardingId },
  { prefix: '/api/providers/:id', id: (o) => o.providerId },
  // Users: another organisation's person (Zeta's account manager); disabling them must be 404.
  { prefix: '/api/users/:id', id: (o) => o.accountManagerId },
  // API keys: a key of the other provider, made by its lead.
  { prefix: '/api/api-keys/:id', id: (o) => o.apiKeyId },
  // Sessions: a session of the other provider's lead; ending it must be 404 for anyone else.
  { prefix: '/api/me/sessions/:id', id: (o) => o.sessionId },
  // Passkeys: one of the other provider's lead; removing it must be 404 for anyone else.
  { prefix: '/api/me/passkeys/:id', id: (o) => o.passkeyId },
  // Evidence store files: one of the other customer's, on a step (:attachmentId below).
  { prefix: '/api/evidence/:attachmentId', id: () => '' },
];

/** Other path parameters, filled with values that exist in the other tenant's objects. */
const OTHER_PARAMS: Record<string, string> = {
  // An approval step with a proposal (version 1, made in beforeAll), so its documents exist.
  ':key': 'group_policy_design',
  ':version': '1',
  ':kind': 'peacetime',
  ':decisionId': '',
  // The onboarding is checked first: any confirmation id under another tenant's onboarding is 404.
  ':confirmationId': '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
};
// Any UUID: the engagement lookup answers 404 before the entry is looked for.
OTHER_PARAMS[':entryId'] = '00000000-0000-4000-8000-000000000001';
// Incidents: the incident is inserted in beforeAll; the engagement lookup answers 404 before the
// task or action is looked for.
OTHER_PARAMS[':taskId'] = '00000000-0000-4000-8000-000000000003';
OTHER_PARAMS[':actionId'] = '00000000-0000-4000-8000-000000000004';
OTHER_PARAMS[':escalationId'] = '00000000-0000-4000-8000-000000000005';
// The engagement lookup answers 404 before the endpoint is looked for.
OTHER_PARAMS[':endpointId'] = '00000000-0000-4000-8000-000000000006';
// Conversations: on the other tenant's incident (its id is set in beforeAll); any comment id, as
// the engagement lookup answers 404 before the comment is looked for.
OTHER_PARAMS[':subjectType'] = 'incident';
OTHER_PARAMS[':commentId'] = '00000000-0000-4000-8000-000000000007';
// Checkpoint statements: the engagement lookup answers 404 before the statement is looked for.
OTHER_PARAMS[':statementId'] = '00000000-0000-4000-8000-000000000006';
// Notification channels: the engagement lookup answers 404 before the channel is looked for.
OTHER_PARAMS[':channelId'] = '00000000-0000-4000-8000-000000000007';

/**
 * Public id routes authenticate by something other than the caller's session (the detection
 * webhook: an HMAC with the engagement's secret). A signed-in user of any tenant gets the
 * status named here, never the other tenant's data.
 */
const PUBLIC_ID_ROUTES: Record<string, number> = { 'POST /api/engagements/:id/detections': 401 };

/**
 * GET id routes whose object exists for its own tenant but is not ready to serve (409, not 404):
 * the other tenant's onboarding has not started its service, so there is no completion
 * certificate yet; its inserted incident is new, and a closure report exists once it is resolved.
 */
const OWN_TENANT_STATUS: Record<string, number> = {
  'GET /api/onboardings/:id/completion-certificate': 409,
  'GET /api/onboardings/:id/completion-bundle': 409,
  // The other tenant's engagement has no checkpoint yet, so no statement of that id.
  'GET /api/engagements/:id/checkpoints/:statementId': 404,
  'GET /api/engagements/:id/incidents/:incidentId/report': 409,
  // The other tenant's incident has no post-incident review recorded.
  'GET /api/engagements/:id/incidents/:incidentId/review': 404,
  // Evidence files are for the engagement's two parties: the platform admin sees the onboarding, not the file.
  'GET /api/onboardings/:id/evidence/:fileId': 403,
};

/** A valid body for id routes that take one, so the scope check (not validation) answers. */
const BODY_FOR_ROUTE: Record<string, (o: OtherTenant) => object> = {
  'POST /api/engagements/:id/account-managers': (o) => ({ userId: o.accountManagerId }),
  'PUT /api/organisations/:id/mfa-policy': () => ({ requireMfa: true }),
  'POST /api/onboardings/:id/steps/:key/reject': () => ({ reason: 'not good enough' }),
  'POST /api/onboardings/:id/steps/:key/waive': () => ({ reason: 'not needed here' }),
  'POST /api/onboardings/:id/steps/:key/proposals': () => ({ note: 'x' }),
  'POST /api/onboardings/:id/domain-confirmations': () => ({
    recipients: ['security@omega.example'],
  }),
  'POST /api/engagements/:id/agreement/versions/:version/reject': () => ({
    reason: 'not good enough',
  }),
  'POST /api/engagements/:id/runbooks/:kind/versions/:version/reject': () => ({
    reason: 'not good enough',
  }),
  'POST /api/engagements/:id/groups': () => ({
    name: 'Hidden',
    kind: 'production',
    priority: 7,
    rule: {},
  }),
  'PUT /api/engagements/:id/groups/:groupId': () => ({
    name: 'Hidden',
    kind: 'production',
    priority: 7,
    rule: {},
  }),
  'PUT /api/engagements/:id/groups/:groupId/policy': () => ({
    mode: 'block',
    quarantine: true,
    updates: 'manual',
    maxConcurrentUpdates: 1,
  }),
  'PUT /api/engagements/:id/sites/:site': () => ({
    linkMbps: 10,
    updateSharePercent: 10,
    peakUseMbps: 1,
    packageSizeMb: 1,
    downloadMbps: 1,
  }),
  'POST /api/engagements/:id/tuning-log': () => ({
    groupId: OTHER_PARAMS[':groupId'],
    detectionName: 'x',
    process: 'y',
  }),
  'PATCH /api/engagements/:id/tuning-log/:entryId': () => ({ decision: 'allow', status: 'closed' }),
  'POST /api/engagements/:id/groups/:groupId/mode-switch/:requestId/reject': () => ({
    reason: 'not good enough',
  }),
  'POST /api/engagements/:id/block-list': () => ({
    type: 'domain',
    value: 'evil.example',
    reason: 'C2',
  }),
  'POST /api/engagements/:id/past-incidents': () => ({
    title: 'x',
    occurredOn: '2024-01-01',
    description: 'x',
    technique: 'x',
    indicators: [],
  }),
  'PUT /api/engagements/:id/notification-routing': () => ({ mode: 'per_country' }),
  'POST /api/engagements/:id/incidents': () => ({ title: 'x', severity: 'low' }),
  'POST /api/engagements/:id/incidents/:incidentId/status': () => ({ status: 'closed' }),
  'POST /api/engagements/:id/incidents/:incidentId/actions': () => ({
    action: 'block_hash',
    target: 'abc',
  }),
  'POST /api/engagements/:id/incidents/:incidentId/tasks/:taskId/not-applicable': () => ({
    reason: 'does not apply here',
  }),
  'PUT /api/engagements/:id/incident-webhooks': () => ({ chatUrl: 'https://chat.example/hook' }),
  'POST /api/engagements/:id/notification-channels': () => ({
    provider: 'slack',
    name: 'Hidden',
    language: 'en',
    url: 'https://hooks.slack.com/services/T0/B0/x',
    events: ['step_opened'],
  }),
  'POST /api/engagements/:id/detections': () => ({
    detectionId: 'd',
    detectedAt: '2026-01-01T00:00:00Z',
    hostname: 'h',
    severity: 'low',
    title: 't',
  }),
  'POST /api/engagements/:id/endpoint-decisions': () => ({ kind: 'exclude', filters: {} }),
  'POST /api/engagements/:id/endpoint-decisions/:decisionId/reject': () => ({
    reason: 'not good enough',
  }),
  'PUT /api/engagements/:id/security-products/plan': () => ({
    product: 'Legacy AV',
    action: 'coexist',
    quarantines: true,
  }),
  'POST /api/engagements/:id/sensor-deployment': () => ({
    records: [{ hostname: 'omega-pc-1', status: 'deployed' }],
  }),
  'PUT /api/engagements/:id/sensor-deployment/endpoints/:endpointId': () => ({
    status: 'deployed',
  }),
  'POST /api/onboardings/:id/steps/:key/complete': () => ({ note: 'done' }),
  'POST /api/engagements/:id/conversations/:subjectType/:subjectId': () => ({ body: 'hello' }),
  'PATCH /api/engagements/:id/comments/:commentId': () => ({ body: 'hello' }),
  // Multipart: the scope check answers before the body is read, so no file is needed.
  'POST /api/onboardings/:id/signature-requests': () => ({
    document: 'authorisation_letter',
    signerName: 'Omega Signer',
    signerEmail: 'signer@omega.example',
  }),
  'POST /api/onboardings/:id/signature-requests/:requestId/revoke': () => ({
    reason: 'not needed here',
  }),
  'POST /api/onboardings/:id/signature-requests/:requestId/decline': () => ({
    reason: 'not good enough',
  }),
  'POST /api/onboardings/:id/signature-requests/:requestId/sign': () => ({
    password: 'another long password',
    typedName: 'Omega Signer',
  }),
  // The other customer's single sign-on: a valid setting of its own domain.
  'PUT /api/organisations/:id/sign-in': () => ({
    issuer: 'https://login.omega.example',
    clientId: 'portal',
    clientSecret: 'omega-secret',
    emailDomains: ['omega.example'],
    passwordSignInDisabled: true,
  }),
};

function concrete(route: RouteInfo, other: OtherTenant): string {
  const match = OBJECT_FOR_PREFIX.find((m) => route.path.startsWith(m.prefix));
  if (!match)
    throw new Error(`No other-tenant object is declared for ${route.method} ${route.path}`);
  let path = route.path.replace(':id', match.id(other));
  for (const [param, value] of Object.entries(OTHER_PARAMS)) path = path.replace(param, value);
  if (path.includes(':'))
    throw new Error(`No value is declared for a parameter of ${route.method} ${route.path}`);
  return path;
}

describe('authorisation matrix: another tenant’s object answers 404', () => {
  let t: TestApp;
  let other: OtherTenant;
  let idRoutes: RouteInfo[];
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    const admin = await bearer(t, 'admin@portal.example');
    const post = async (path: string, body: object): Promise<{ id: string }> =>
      (await t.http().post(path).set('Authorization', admin).send(body).expect(201)).body;
    const provider = await post('/api/organisations', {
      kind: 'provider',
      name: 'Zeta Hidden MDR',
      language: 'en',
      emailDomains: ['zeta.example'],
    });
    const customer = await post('/api/organisations', {
      kind: 'customer',
      name: 'Omega Hidden Corp',
      language: 'en',
      emailDomains: ['omega.example'],
    });
    // Zeta's people accept their invitations through the portal's set-password page.
    const am = {
      id: await inviteAndAccept(
        t,
        admin,
        {
          email: 'am@zeta.example',
          displayName: 'Zeta AM',
          organisationId: provider.id,
          role: 'account_manager',
        },
        'another long password',
      ),
    };
    const engagement = await post('/api/engagements', {
      customerOrganisationId: customer.id,
      providerOrganisationId: provider.id,
      name: 'Omega Hidden MDR',
    });
    await inviteAndAccept(
      t,
      admin,
      {
        email: 'lead@zeta.example',
        displayName: 'Zeta Lead',
        organisationId: provider.id,
        role: 'provider_lead',
      },
      'another long password',
    );
    const zetaLead = await bearer(t, 'lead@zeta.example', 'another long password');
    const onboarding = await t
      .http()
      .post('/api/onboardings')
      .set('Authorization', zetaLead)
      .send({
        engagementId: engagement.id,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-03-01',
      })
      .expect(201);
    await createAgreementObjects(t, {
      engagementId: engagement.id,
      providerId: provider.id,
      providerLead: 'lead@zeta.example',
      password: 'another long password',
      emailDomain: 'omega.example',
    });
    await createRolloutPlanningObjects(t, engagement.id, zetaLead, OTHER_PARAMS);
    // A proposal of the group design (its dependencies opened directly: the tenant has no customer users).
    await t.dataSource.query(
      `UPDATE onboarding_step SET state = 'open' WHERE onboarding_id = $1 AND key = 'group_policy_design'`,
      [onboarding.body.id],
    );
    await t
      .http()
      .post(`/api/onboardings/${onboarding.body.id}/steps/group_policy_design/proposals`)
      .set('Authorization', zetaLead)
      .send({})
      .expect(201);
    // An inventory with an unsupported endpoint and a proposed decision on it.
    await t
      .http()
      .post(`/api/engagements/${engagement.id}/endpoints/import`)
      .set('Authorization', zetaLead)
      .attach(
        'file',
        Buffer.from(
          'hostname,type,os_family,os_version,site,country\nomega-pc-1,client,windows,Windows 7,HQ,US\n',
        ),
        'omega.csv',
      )
      .expect(200);
    const decision = await t
      .http()
      .post(`/api/engagements/${engagement.id}/endpoint-decisions`)
      .set('Authorization', zetaLead)
      .send({ kind: 'exclude', filters: {} })
      .expect(201);
    OTHER_PARAMS[':decisionId'] = decision.body.id;
    OTHER_PARAMS[':requestId'] = await insertSignatureRequest(
      t,
      onboarding.body.id,
      engagement.id,
      'lead@zeta.example',
    );
    OTHER_PARAMS[':incidentId'] = await insertIncident(t, engagement.id);
    // Conversations: the other tenant's incident's.
    OTHER_PARAMS[':subjectId'] = OTHER_PARAMS[':incidentId'];
    // A completed task with an evidence file, by the other customer's security lead.
    await inviteAndAccept(
      t,
      admin,
      {
        email: 'security@omega.example',
        displayName: 'Omega Security',
        organisationId: customer.id,
        role: 'customer_security_lead',
      },
      'another long password',
    );
    const omegaLead = await bearer(t, 'security@omega.example', 'another long password');
    const completed = await t
      .http()
      .post(`/api/onboardings/${onboarding.body.id}/steps/mdr_requirements_defined/complete`)
      .set('Authorization', omegaLead)
      .field('note', 'Omega Hidden requirements')
      .attach('files', Buffer.from('Omega Hidden requirements\n'), 'omega.txt');
    if (completed.status !== 200)
      throw new Error(
        `completing with evidence: ${completed.status} ${JSON.stringify(completed.body)}`,
      );
    const [file] = await t.dataSource.query(
      `SELECT a.id FROM evidence_attachment a JOIN step_completion c ON c.id = a.subject_id
        WHERE a.subject_kind = 'step_completion' AND c.onboarding_id = $1`,
      [onboarding.body.id],
    );
    OTHER_PARAMS[':fileId'] = file.id;
    const attached = await t
      .http()
      .post(`/api/onboardings/${onboarding.body.id}/steps/mdr_requirements_defined/evidence`)
      .set('Authorization', omegaLead)
      .attach('file', Buffer.from('Omega Hidden network diagram\n'), 'omega-network.txt');
    if (attached.status !== 201)
      throw new Error(`attaching evidence: ${attached.status} ${JSON.stringify(attached.body)}`);
    OTHER_PARAMS[':attachmentId'] = attached.body.id;
    const zetaKey = await t
      .http()
      .post('/api/api-keys')
      .set('Authorization', zetaLead)
      .send({ name: 'Zeta Hidden key', scopes: ['incidents:read'] })
      .expect(201);
    // A passkey of Zeta's lead (stored as registration would; no authenticator needed to address it).
    const [passkey] = await t.dataSource.query(
      `INSERT INTO user_passkey (user_id, credential_id, public_key, sign_count, name, created_at)
       SELECT id, 'zeta-hidden-credential', '\\x00'::bytea, 0, 'Zeta Hidden passkey', now() FROM app_user WHERE email = 'lead@zeta.example' RETURNING id`,
    );
    other = {
      passkeyId: passkey.id,
      providerId: provider.id,
      customerId: customer.id,
      engagementId: engagement.id,
      accountManagerId: am.id,
      onboardingId: onboarding.body.id,
      apiKeyId: zetaKey.body.apiKey.id,
      sessionId: (await t.http().get('/api/me/sessions').set('Authorization', zetaLead).expect(200))
        .body.items[0].id,
      names: ['Zeta Hidden', 'Omega Hidden'],
    };
    // The JSON API; portal pages with ids are checked with a session in test/portal.
    idRoutes = listRoutes(t.app).filter((r) => r.path.startsWith('/api/') && r.path.includes(':'));
    for (const email of ROLES_TO_TRY) tokens.set(email, await bearer(t, email));
  });
  afterAll(() => t.close());

  it('covers the id-taking routes of the API', () => {
    expect(idRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/organisations/:id',
        'GET /api/engagements/:id',
        'POST /api/engagements/:id/account-managers',
        'GET /api/onboardings/:id',
        'GET /api/onboardings/:id/gate',
        'POST /api/onboardings/:id/start-service',
        'POST /api/onboardings/:id/steps/:key/approve',
        'POST /api/onboardings/:id/steps/:key/proposals',
        'GET /api/onboardings/:id/steps/:key/proposals/:version/document',
        'GET /api/onboardings/:id/steps/:key/proposals/:version/comparison',
        'GET /api/onboardings/:id/completion-certificate',
        'GET /api/engagements/:id/audit-export',
        'GET /api/onboardings/:id/evidence/:fileId',
        'POST /api/onboardings/:id/steps/:key/evidence',
        'GET /api/onboardings/:id/steps/:key/evidence',
        'POST /api/engagements/:id/incidents/:incidentId/evidence',
        'GET /api/engagements/:id/incidents/:incidentId/evidence',
        'GET /api/evidence/:attachmentId',
        'POST /api/engagements/:id/sensor-deployment',
        'PUT /api/engagements/:id/sensor-deployment/endpoints/:endpointId',
        'POST /api/engagements/:id/sensor-deployment/import',
        'POST /api/users/:id/disable',
        'POST /api/users/:id/enable',
        'POST /api/api-keys/:id/revoke',
        'POST /api/me/sessions/:id/revoke',
        'DELETE /api/me/passkeys/:id',
        'GET /api/onboardings/:id/completion-bundle',
        'GET /api/engagements/:id/checkpoints',
        'GET /api/engagements/:id/checkpoints/:statementId',
        'GET /api/organisations/:id/sign-in',
        'PUT /api/organisations/:id/sign-in',
        'DELETE /api/organisations/:id/sign-in',
        'GET /api/organisations/:id/mfa-policy',
        'PUT /api/organisations/:id/mfa-policy',
        'GET /api/engagements/:id/conversations/:subjectType/:subjectId',
        'POST /api/engagements/:id/conversations/:subjectType/:subjectId',
        'PATCH /api/engagements/:id/comments/:commentId',
        'GET /api/engagements/:id/notification-channels',
        'POST /api/engagements/:id/notification-channels',
        'DELETE /api/engagements/:id/notification-channels/:channelId',
      ]),
    );
    for (const route of idRoutes) expect(() => concrete(route, other)).not.toThrow();
  });

  it.each(ROLES_TO_TRY)('%s gets 404 and no data on every id route', async (email) => {
    const failures: string[] = [];
    for (const route of idRoutes) {
      const path = concrete(route, other);
      const key = `${route.method} ${route.path}`;
      const request = t
        .http()
        [route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path)
        .set('Authorization', tokens.get(email) as string);
      const response = BODY_FOR_ROUTE[key]
        ? await request.send(BODY_FOR_ROUTE[key](other))
        : await request;
      const text = JSON.stringify(response.body) + (response.text ?? '');
      const expected = PUBLIC_ID_ROUTES[key] ?? 404;
      if (response.status !== expected) failures.push(`${key} -> ${response.status}`);
      for (const secret of [...other.names, other.customerId, other.providerId]) {
        if (text.includes(secret)) failures.push(`${key} leaked ${secret}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 404 to every role removing another person’s passkey through the portal, and keeps it', async () => {
    for (const email of ROLES_TO_TRY) {
      const agent = portalAgent(t);
      await signIn(agent, email);
      const csrf = await csrfFrom(agent, '/account/passkeys');
      const response = await agent
        .post(`/account/passkeys/${other.passkeyId}/remove`)
        .type('form')
        .send({ _csrf: csrf });
      expect(`${email} ${response.status}`).toBe(`${email} 404`);
      expect(response.text).not.toContain('Zeta Hidden');
    }
    expect(
      (
        await t.dataSource.query(`SELECT count(*)::int AS n FROM user_passkey WHERE id = $1`, [
          other.passkeyId,
        ])
      )[0].n,
    ).toBe(1);
  });

  it('shows the same objects to their own tenant (the matrix is not vacuous)', async () => {
    const admin = await bearer(t, 'admin@portal.example');
    for (const route of idRoutes.filter((r) => r.method === 'GET')) {
      await t
        .http()
        .get(concrete(route, other))
        .set('Authorization', admin)
        .expect(OWN_TENANT_STATUS[`${route.method} ${route.path}`] ?? 200);
    }
    const lists = await t
      .http()
      .get('/api/engagements')
      .set('Authorization', tokens.get('security@sakura.example') as string)
      .expect(200);
    expect(lists.body.items.map((e: { customerName: string }) => e.customerName)).toEqual([
      'Sakura Manufacturing',
    ]);
    const am = await t
      .http()
      .get('/api/engagements')
      .set('Authorization', tokens.get('am@mdr.example') as string)
      .expect(200);
    expect(am.body.total).toBe(2);
  });

  it('lets only the organisation’s own security lead or provider lead, or a platform admin, read and set its single sign-on', async () => {
    const [{ id: sakura }] = await t.dataSource.query(
      `SELECT id FROM organisation WHERE name = 'Sakura Manufacturing'`,
    );
    const [{ id: mdr }] = await t.dataSource.query(
      `SELECT id FROM organisation WHERE name = 'Example MDR'`,
    );
    const expected: [string, string, number][] = [
      ['security@sakura.example', sakura, 200],
      ['it-jp@sakura.example', sakura, 403],
      // The provider sees its customer, but a customer's sign-in is the customer's own.
      ['lead@mdr.example', sakura, 403],
      ['am@mdr.example', sakura, 403],
      ['security@northwind.example', sakura, 404],
      ['lead@mdr.example', mdr, 200],
      ['analyst@mdr.example', mdr, 403],
      // A customer sees its provider organisation, not the provider's settings.
      ['security@sakura.example', mdr, 403],
      ['security@northwind.example', mdr, 403],
    ];
    const failures: string[] = [];
    for (const [email, organisationId, status] of expected) {
      const got = (
        await t
          .http()
          .get(`/api/organisations/${organisationId}/sign-in`)
          .set('Authorization', tokens.get(email) as string)
      ).status;
      if (got !== status)
        failures.push(`${email} on ${organisationId}: ${got} (expected ${status})`);
    }
    await t
      .http()
      .get(`/api/organisations/${sakura}/sign-in`)
      .set('Authorization', await bearer(t, 'admin@portal.example'))
      .expect(200);
    expect(failures).toEqual([]);
  });

  /** Every route a key may use, by scope: a scope added to another route must be added here, on purpose. */
  const KEY_ROUTES: Record<string, string> = {
    'GET /api/engagements/:id/detections': 'detections:read',
    'POST /api/engagements/:id/detections': 'detections:write',
    'GET /api/engagements/:id/incidents': 'incidents:read',
    'GET /api/engagements/:id/incidents/:incidentId': 'incidents:read',
    'GET /api/engagements/:id/incidents/:incidentId/report': 'incidents:read',
    'GET /api/engagements/:id/incidents/:incidentId/review': 'incidents:read',
    'PUT /api/engagements/:id/incidents/:incidentId/review': 'incidents:write',
    'GET /api/engagements/:id/incident-metrics': 'incidents:read',
    'POST /api/engagements/:id/incidents': 'incidents:write',
    'POST /api/engagements/:id/incidents/:incidentId/acknowledge': 'incidents:write',
    'POST /api/engagements/:id/incidents/:incidentId/respond': 'incidents:write',
    'POST /api/engagements/:id/incidents/:incidentId/status': 'incidents:write',
    'POST /api/engagements/:id/incidents/:incidentId/tasks/:taskId/complete': 'incidents:write',
    'POST /api/engagements/:id/incidents/:incidentId/tasks/:taskId/not-applicable':
      'incidents:write',
    'POST /api/engagements/:id/incidents/:incidentId/actions': 'incidents:write',
    'GET /api/engagements/:id/block-list': 'block-list:read',
    'GET /api/engagements/:id/block-list.csv': 'block-list:read',
    'GET /api/engagements/:id/block-list.json': 'block-list:read',
    'POST /api/engagements/:id/block-list': 'block-list:write',
    'POST /api/engagements/:id/block-list/:entryId/expire': 'block-list:write',
    'GET /api/engagements/:id/endpoints': 'endpoints:read',
    'GET /api/engagements/:id/endpoints/summary': 'endpoints:read',
    'POST /api/engagements/:id/endpoints/import': 'endpoints:write',
    'POST /api/engagements/:id/endpoints/classify': 'endpoints:write',
    'GET /api/engagements/:id/sensor-deployment': 'deployment:read',
    'GET /api/engagements/:id/sensor-deployment/endpoints': 'deployment:read',
    'POST /api/engagements/:id/sensor-deployment': 'deployment:write',
    'PUT /api/engagements/:id/sensor-deployment/endpoints/:endpointId': 'deployment:write',
    'POST /api/engagements/:id/sensor-deployment/import': 'deployment:write',
    'GET /api/engagements/:id/audit-export': 'audit:read',
  };

  it.each(['security@sakura.example', 'lead@mdr.example'])(
    'a key of %s with every scope: 403 on every route no scope names, 404 on the other tenant’s objects where it may go',
    async (email) => {
      const routes = listRoutes(t.app).filter(
        (r) => r.path.startsWith('/api/') && (!r.isPublic || r.apiKeyScope),
      );
      expect(
        Object.fromEntries(
          routes.filter((r) => r.apiKeyScope).map((r) => [`${r.method} ${r.path}`, r.apiKeyScope]),
        ),
      ).toEqual(KEY_ROUTES);
      const scopes = [...new Set(Object.values(KEY_ROUTES))];
      const made = await t
        .http()
        .post('/api/api-keys')
        .set('Authorization', tokens.get(email) as string)
        .send({ name: 'Every scope', scopes })
        .expect(201);
      const failures: string[] = [];
      for (const route of routes) {
        const key = `${route.method} ${route.path}`;
        const path = route.path.includes(':') ? concrete(route, other) : route.path;
        const request = t
          .http()
          [route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path)
          .set('Authorization', `Bearer ${made.body.key}`);
        const response = BODY_FOR_ROUTE[key]
          ? await request.send(BODY_FOR_ROUTE[key](other))
          : await request;
        const expected = route.apiKeyScope ? 404 : 403;
        if (response.status !== expected)
          failures.push(`${key} -> ${response.status} (expected ${expected})`);
        const text = JSON.stringify(response.body) + (response.text ?? '');
        for (const secret of [...other.names, other.customerId, other.providerId]) {
          if (text.includes(secret)) failures.push(`${key} leaked ${secret}`);
        }
      }
      expect(failures).toEqual([]);
    },
  );
});
