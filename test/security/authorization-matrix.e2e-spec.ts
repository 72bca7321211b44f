import { createAgreementObjects } from '../agreements/support/agreements-driver';
import { listRoutes, RouteInfo } from '../support/route-list';
import { bearer, startTestApp, TestApp } from '../support/test-app';

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
  names: string[];
}

/** Which other-tenant object each id-taking path prefix addresses. */
const OBJECT_FOR_PREFIX: { prefix: string; id: (o: OtherTenant) => string }[] = [
  { prefix: '/api/organisations/:id', id: (o) => o.customerId },
  { prefix: '/api/engagements/:id', id: (o) => o.engagementId },
  { prefix: '/api/onboardings/:id', id: (o) => o.onboardingId },
  { prefix: '/api/providers/:id', id: (o) => o.providerId },
];

/** Other path parameters, filled with values that exist in the other tenant's objects. */
const OTHER_PARAMS: Record<string, string> = {
  ':key': 'endpoint_inventory',
  ':version': '1',
  ':kind': 'peacetime',
  // The onboarding is checked first: any confirmation id under another tenant's onboarding is 404.
  ':confirmationId': '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
};

/** A valid body for id routes that take one, so the scope check (not validation) answers. */
const BODY_FOR_ROUTE: Record<string, (o: OtherTenant) => object> = {
  'POST /api/engagements/:id/account-managers': (o) => ({ userId: o.accountManagerId }),
  'POST /api/onboardings/:id/steps/:key/reject': () => ({ reason: 'not good enough' }),
  'POST /api/onboardings/:id/steps/:key/waive': () => ({ reason: 'not needed here' }),
  'POST /api/onboardings/:id/steps/:key/proposals': () => ({ content: { text: 'x' } }),
  'POST /api/onboardings/:id/domain-confirmations': () => ({ recipients: ['security@omega.example'] }),
  'POST /api/engagements/:id/agreement/versions/:version/reject': () => ({ reason: 'not good enough' }),
  'POST /api/engagements/:id/runbooks/:kind/versions/:version/reject': () => ({ reason: 'not good enough' }),
};

function concrete(route: RouteInfo, other: OtherTenant): string {
  const match = OBJECT_FOR_PREFIX.find((m) => route.path.startsWith(m.prefix));
  if (!match) throw new Error(`No other-tenant object is declared for ${route.method} ${route.path}`);
  let path = route.path.replace(':id', match.id(other));
  for (const [param, value] of Object.entries(OTHER_PARAMS)) path = path.replace(param, value);
  if (path.includes(':')) throw new Error(`No value is declared for a parameter of ${route.method} ${route.path}`);
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
    const provider = await post('/api/organisations', { kind: 'provider', name: 'Zeta Hidden MDR', language: 'en', emailDomains: ['zeta.example'] });
    const customer = await post('/api/organisations', { kind: 'customer', name: 'Omega Hidden Corp', language: 'en', emailDomains: ['omega.example'] });
    const am = await post('/api/users', { email: 'am@zeta.example', displayName: 'Zeta AM', organisationId: provider.id, role: 'account_manager', password: 'another long password' });
    const engagement = await post('/api/engagements', { customerOrganisationId: customer.id, providerOrganisationId: provider.id, name: 'Omega Hidden MDR' });
    await post('/api/users', { email: 'lead@zeta.example', displayName: 'Zeta Lead', organisationId: provider.id, role: 'provider_lead', password: 'another long password' });
    const zetaLead = await bearer(t, 'lead@zeta.example', 'another long password');
    const onboarding = await t.http().post('/api/onboardings').set('Authorization', zetaLead)
      .send({ engagementId: engagement.id, templateKey: 'edr-mdr-onboarding', plannedStartDate: '2027-03-01' }).expect(201);
    await createAgreementObjects(t, { engagementId: engagement.id, providerId: provider.id, providerLead: 'lead@zeta.example', password: 'another long password', emailDomain: 'omega.example' });
    other = { providerId: provider.id, customerId: customer.id, engagementId: engagement.id, accountManagerId: am.id, onboardingId: onboarding.body.id, names: ['Zeta Hidden', 'Omega Hidden'] };
    // The JSON API; portal pages with ids are checked with a session in test/portal.
    idRoutes = listRoutes(t.app).filter((r) => r.path.startsWith('/api/') && r.path.includes(':'));
    for (const email of ROLES_TO_TRY) tokens.set(email, await bearer(t, email));
  });
  afterAll(() => t.close());

  it('covers the id-taking routes of the API', () => {
    expect(idRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'GET /api/organisations/:id', 'GET /api/engagements/:id', 'POST /api/engagements/:id/account-managers',
        'GET /api/onboardings/:id', 'GET /api/onboardings/:id/gate', 'POST /api/onboardings/:id/start-service',
        'POST /api/onboardings/:id/steps/:key/approve',
      ]),
    );
    for (const route of idRoutes) expect(() => concrete(route, other)).not.toThrow();
  });

  it.each(ROLES_TO_TRY)('%s gets 404 and no data on every id route', async (email) => {
    const failures: string[] = [];
    for (const route of idRoutes) {
      const path = concrete(route, other);
      const key = `${route.method} ${route.path}`;
      const request = t.http()[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path)
        .set('Authorization', tokens.get(email) as string);
      const response = BODY_FOR_ROUTE[key] ? await request.send(BODY_FOR_ROUTE[key](other)) : await request;
      const text = JSON.stringify(response.body) + (response.text ?? '');
      if (response.status !== 404) failures.push(`${key} -> ${response.status}`);
      for (const secret of [...other.names, other.customerId, other.providerId]) {
        if (text.includes(secret)) failures.push(`${key} leaked ${secret}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('shows the same objects to their own tenant (the matrix is not vacuous)', async () => {
    const admin = await bearer(t, 'admin@portal.example');
    for (const route of idRoutes.filter((r) => r.method === 'GET')) {
      await t.http().get(concrete(route, other)).set('Authorization', admin).expect(200);
    }
    const lists = await t.http().get('/api/engagements').set('Authorization', tokens.get('security@sakura.example') as string).expect(200);
    expect(lists.body.items.map((e: { customerName: string }) => e.customerName)).toEqual(['Sakura Manufacturing']);
    const am = await t.http().get('/api/engagements').set('Authorization', tokens.get('am@mdr.example') as string).expect(200);
    expect(am.body.total).toBe(2);
  });
});
