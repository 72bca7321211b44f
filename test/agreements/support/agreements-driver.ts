import type { Response } from 'supertest';
import { Tokens } from '../../support/onboarding-driver';
import { bearer, TestApp } from '../../support/test-app';
import { sampleAgreement, sampleCatalogue } from './fixtures';

export { Tokens };

/** Calls the API as a demo user: `api.as(email).post(path, body)`. */
export class Api {
  readonly tokens: Tokens;
  constructor(private readonly t: TestApp) {
    this.tokens = new Tokens(t);
  }

  as(email: string) {
    const authorised = async (
      method: 'get' | 'post' | 'put' | 'patch',
      path: string,
      body?: object,
    ): Promise<Response> => {
      const request = this.t
        .http()
        [method](path)
        .set('Authorization', await this.tokens.for(email));
      return body === undefined ? request : request.send(body);
    };
    return {
      get: (path: string) => authorised('get', path),
      post: (path: string, body: object = {}) => authorised('post', path, body),
      put: (path: string, body: object) => authorised('put', path, body),
      patch: (path: string, body: object) => authorised('patch', path, body),
      /** The raw body (HTML or PDF bytes) of a document route. */
      document: async (path: string): Promise<Response> =>
        this.t
          .http()
          .get(path)
          .set('Authorization', await this.tokens.for(email))
          .buffer(true)
          .parse((res, callback) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => callback(null, Buffer.concat(chunks)));
          }),
    };
  }
}

export async function engagementIdOf(t: TestApp, customerName: string): Promise<string> {
  const admin = await bearer(t, 'admin@portal.example');
  const list = await t.http().get('/api/engagements').set('Authorization', admin).expect(200);
  const found = list.body.items.find(
    (e: { customerName: string }) => e.customerName === customerName,
  );
  if (!found) throw new Error(`No engagement for ${customerName}`);
  return found.id;
}

export async function providerIdOf(t: TestApp, name = 'Example MDR'): Promise<string> {
  const admin = await bearer(t, 'admin@portal.example');
  const list = await t
    .http()
    .get('/api/organisations?kind=provider')
    .set('Authorization', admin)
    .expect(200);
  return list.body.items.find((o: { name: string }) => o.name === name).id;
}

export function expectStatus(response: Response, status: number): Response {
  if (response.status !== status) {
    throw new Error(`Expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response;
}

/** The first field a 400 names. */
export function fieldsOf(response: Response): string[] {
  expectStatus(response, 400);
  return (response.body.details as Array<{ field: string }>).map((d) => d.field);
}

/**
 * Agreement v1 (proposed, then approved when asked), a proposed peacetime runbook v1 and a
 * catalogue, for one engagement, through the real API. For tests elsewhere (e.g. the
 * authorisation matrix) that need these objects to exist in some tenant.
 */
export async function createAgreementObjects(
  t: TestApp,
  options: {
    engagementId: string;
    providerId: string;
    providerLead: string;
    customerLead?: string;
    emailDomain: string;
    password?: string;
  },
): Promise<void> {
  const lead = await bearer(t, options.providerLead, options.password);
  const agreement = sampleAgreement();
  agreement.escalationContacts = agreement.escalationContacts.map(
    (c: { email: string }, i: number) => ({
      ...c,
      email: `contact${i + 1}@${options.emailDomain}`,
    }),
  );
  const base = `/api/engagements/${options.engagementId}`;
  const call = (method: 'post' | 'put', path: string, body: object) =>
    t
      .http()
      [method](path)
      .set('Authorization', lead)
      .send(body)
      .then((r) => expectStatus(r, method === 'post' && !path.endsWith('propose') ? 201 : 200));
  await call('put', `/api/providers/${options.providerId}/catalogue`, sampleCatalogue());
  await call('post', `${base}/agreement`, agreement);
  await call('post', `${base}/agreement/versions/1/propose`, {});
  if (options.customerLead) {
    const customer = await bearer(t, options.customerLead, options.password);
    await t
      .http()
      .post(`${base}/agreement/versions/1/approve`)
      .set('Authorization', customer)
      .send({})
      .then((r) => expectStatus(r, 200));
  }
  await call('post', `${base}/runbooks/peacetime`, {});
  await call('post', `${base}/runbooks/peacetime/versions/1/propose`, {});
}
