import { createHash } from 'node:crypto';
import { AgreementEvents, AgreementWorkflowLink } from '@app/agreements';
import { startTestApp, TestApp } from '../support/test-app';
import { Api, engagementIdOf, expectStatus } from './support/agreements-driver';
import { sampleAgreement } from './support/fixtures';

const LEAD = 'lead@mdr.example';
const ANALYST = 'analyst@mdr.example';
const CUSTOMER = 'security@sakura.example';

describe('agreement lifecycle: draft, propose, approve, supersede, reject', () => {
  let t: TestApp;
  let api: Api;
  let id: string;
  let base: string;
  let events: AgreementEvents;
  let link: AgreementWorkflowLink;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    id = await engagementIdOf(t, 'Sakura Manufacturing');
    base = `/api/engagements/${id}/agreement`;
    events = t.app.get(AgreementEvents);
    link = t.app.get(AgreementWorkflowLink);
  });
  afterAll(() => t.close());
  afterEach(() => jest.restoreAllMocks());

  const subject = (stepKey: string) =>
    link.currentApprovalSubject(t.dataSource.manager, id, stepKey);

  it('starts empty', async () => {
    const overview = expectStatus(await api.as(CUSTOMER).get(base), 200).body;
    expect(overview).toMatchObject({
      engagementId: id,
      kind: 'service_agreement',
      current: null,
      draft: null,
      versions: [],
    });
    expect(await subject('service_agreement')).toBeNull();
  });

  it('drafts version 1, edits it in place, and proposes it (provider analyst)', async () => {
    const created = expectStatus(await api.as(ANALYST).post(base, sampleAgreement()), 201).body;
    expect(created).toMatchObject({ version: 1, status: 'draft', language: 'ja' });
    expect(created.documentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(created.content.escalationContacts[0].email).toBe('security@sakura.example');

    const again = await api.as(LEAD).post(base, {});
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('open draft');

    const patched = expectStatus(
      await api.as(LEAD).patch(base, { minimumTuningPeriodDays: 45 }),
      200,
    ).body;
    expect(patched).toMatchObject({ version: 1, status: 'draft' });
    expect(patched.content.minimumTuningPeriodDays).toBe(45);
    expect(patched.content.sla).toEqual(created.content.sla);
    expect(patched.documentSha256).not.toBe(created.documentSha256);

    const spy = jest.spyOn(events, 'versionProposed');
    const proposed = expectStatus(
      await api.as(ANALYST).post(`${base}/versions/1/propose`),
      200,
    ).body;
    expect(proposed).toMatchObject({ version: 1, status: 'proposed', supersededByVersion: null });
    expect(proposed.proposedBy).toBeTruthy();
    // The hook runs inside the transaction of the change, once per step binding.
    expect(spy.mock.calls.map((c) => [c[2], c[3], c[4]])).toEqual([
      [id, ['service_agreement'], proposed.documentSha256],
      [id, ['communication_language'], proposed.languageSha256],
    ]);
    expect((await subject('service_agreement'))?.hash).toBe(proposed.documentSha256);
    expect(await subject('communication_language')).toMatchObject({
      hash: proposed.languageSha256,
      version: 1,
    });
    expect(await subject('incident_runbook')).toBeNull();
    expect(await subject('endpoint_inventory')).toBeNull();
  });

  it('binds the approval subject to the SHA-256 of exactly the served HTML', async () => {
    const html = expectStatus(
      await api.as(CUSTOMER).document(`${base}/versions/1/document?format=html`),
      200,
    );
    const served = html.body as Buffer;
    const hash = createHash('sha256').update(served).digest('hex');
    expect(html.headers['x-document-sha256']).toBe(hash);
    expect((await subject('service_agreement'))?.hash).toBe(hash);
    expect((await subject('service_agreement'))?.description).toContain(
      'service agreement v1 (proposed)',
    );
  });

  it('approves version 1 (customer security lead) and tells the workflow in the same transaction', async () => {
    const spy = jest.spyOn(events, 'versionApproved').mockImplementation(async (manager) => {
      expect(manager.queryRunner?.isTransactionActive).toBe(true);
    });
    const approved = expectStatus(
      await api.as(CUSTOMER).post(`${base}/versions/1/approve`),
      200,
    ).body;
    expect(approved).toMatchObject({ version: 1, status: 'approved' });
    // The language first: the workflow's agreement step depends on the language step.
    expect(spy.mock.calls.map((c) => c[3])).toEqual([
      ['communication_language'],
      ['service_agreement'],
    ]);
    expect(spy.mock.calls[1][4]).toBe(approved.documentSha256);
    const overview = expectStatus(await api.as(LEAD).get(base), 200).body;
    expect(overview.current).toMatchObject({ version: 1, status: 'approved' });
    expect(await subject('service_agreement')).toMatchObject({
      version: 1,
      hash: approved.documentSha256,
    });
  });

  it('refuses to approve twice, or to propose a version that is not a draft', async () => {
    expect((await api.as(CUSTOMER).post(`${base}/versions/1/approve`)).status).toBe(409);
    expect((await api.as(LEAD).post(`${base}/versions/1/propose`)).status).toBe(409);
    expect((await api.as(LEAD).post(`${base}/versions/9/propose`)).status).toBe(404);
  });

  it('editing after approval creates version 2; proposing it supersedes version 1', async () => {
    const sla = {
      ...sampleAgreement().sla,
      critical: { acknowledgeMinutes: 10, respondMinutes: 45, channel: 'phone' },
    };
    const draft = expectStatus(await api.as(LEAD).patch(base, { sla }), 200).body;
    expect(draft).toMatchObject({ version: 2, status: 'draft' });
    // Until version 2 is proposed, version 1 stays the approved, current one.
    expect((await subject('service_agreement'))?.version).toBe(1);
    const languageHashBefore = (await subject('communication_language'))?.hash;

    const spy = jest.spyOn(events, 'versionProposed');
    const proposed = expectStatus(await api.as(LEAD).post(`${base}/versions/2/propose`), 200).body;
    // The language section did not change, so its approval is not reopened.
    expect(spy.mock.calls.map((c) => c[3])).toEqual([['service_agreement']]);
    expect(proposed.languageSha256).toBe(languageHashBefore);

    const overview = expectStatus(await api.as(CUSTOMER).get(base), 200).body;
    expect(overview.current).toMatchObject({ version: 2, status: 'proposed' });
    expect(
      overview.versions.map((v: { version: number; status: string }) => [v.version, v.status]),
    ).toEqual([
      [2, 'proposed'],
      [1, 'superseded'],
    ]);
    expect(overview.versions[1].supersededByVersion).toBe(2);
    const current = await subject('service_agreement');
    expect(current).toMatchObject({ version: 2, hash: proposed.documentSha256 });
    expect(current?.hash).not.toBe(overview.versions[1].documentSha256);
    // The old approval can no longer be acted on.
    expect((await api.as(CUSTOMER).post(`${base}/versions/1/approve`)).status).toBe(409);
  });

  it('rejects with a reason only, and a revised version can be proposed again', async () => {
    const noReason = await api.as(CUSTOMER).post(`${base}/versions/2/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.details[0].field).toBe('reason');
    const spy = jest.spyOn(events, 'versionRejected');
    const rejected = expectStatus(
      await api.as(CUSTOMER).post(`${base}/versions/2/reject`, {
        reason: 'Critical within 10 minutes is not realistic for us',
      }),
      200,
    ).body;
    expect(rejected).toMatchObject({
      version: 2,
      status: 'rejected',
      rejectionReason: 'Critical within 10 minutes is not realistic for us',
    });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(await subject('service_agreement')).toBeNull();

    const revised = expectStatus(
      await api.as(LEAD).post(base, {
        communication: {
          primaryLanguage: 'ja',
          otherLanguages: ['en', 'zh'],
          channels: ['phone', 'email'],
        },
      }),
      201,
    ).body;
    expect(revised).toMatchObject({ version: 3, status: 'draft' });
    expect(revised.content.sla.critical.acknowledgeMinutes).toBe(10);
    const proposeSpy = jest.spyOn(events, 'versionProposed');
    expectStatus(await api.as(LEAD).post(`${base}/versions/3/propose`), 200);
    expect(proposeSpy.mock.calls.map((c) => c[3])).toEqual([
      ['service_agreement'],
      ['communication_language'],
    ]);
  });

  it('rolls the change back when the workflow hook fails', async () => {
    expectStatus(await api.as(LEAD).patch(base, { minimumTuningPeriodDays: 20 }), 200);
    jest.spyOn(events, 'versionProposed').mockRejectedValueOnce(new Error('workflow unavailable'));
    expect((await api.as(LEAD).post(`${base}/versions/4/propose`)).status).toBe(500);
    const overview = expectStatus(await api.as(LEAD).get(base), 200).body;
    expect(overview.draft).toMatchObject({ version: 4, status: 'draft' });
    expect(overview.current).toMatchObject({ version: 3, status: 'proposed' });
  });

  it('records every change in the audit log', async () => {
    const rows: Array<{ action: string; changes: { version: number } }> = await t.dataSource.query(
      `SELECT action, changes FROM audit_record WHERE engagement_id = $1 AND subject_type = 'service_agreement' ORDER BY seq`,
      [id],
    );
    expect(rows.map((r) => `${r.action} v${r.changes.version}`)).toEqual([
      'agreement.draft_created v1',
      'agreement.draft_updated v1',
      'agreement.version_proposed v1',
      'agreement.version_approved v1',
      'agreement.draft_created v2',
      'agreement.version_superseded v1',
      'agreement.version_proposed v2',
      'agreement.version_rejected v2',
      'agreement.draft_created v3',
      'agreement.version_proposed v3',
      'agreement.draft_created v4',
    ]);
  });

  it('shows one version in full, and compares two field by field', async () => {
    const v1 = expectStatus(await api.as(CUSTOMER).get(`${base}/versions/1`), 200).body;
    expect(v1.content.minimumTuningPeriodDays).toBe(45);
    const compared = expectStatus(
      await api.as(CUSTOMER).get(`${base}/compare?from=1&to=2`),
      200,
    ).body;
    expect(compared).toEqual({
      from: 1,
      to: 2,
      changes: [
        { path: 'sla.critical.acknowledgeMinutes', before: 15, after: 10 },
        { path: 'sla.critical.respondMinutes', before: 60, after: 45 },
      ],
    });
    const latest = expectStatus(await api.as(CUSTOMER).get(`${base}/compare`), 200).body;
    expect(latest).toEqual({
      from: 3,
      to: 4,
      changes: [{ path: 'minimumTuningPeriodDays', before: 45, after: 20 }],
    });
    expect(fieldsOfBody((await api.as(CUSTOMER).get(`${base}/compare?from=0&to=2`)).body)).toEqual([
      'from',
    ]);
    const first = expectStatus(await api.as(CUSTOMER).get(`${base}/compare?to=1`), 200).body;
    expect(first.from).toBeNull();
    expect(first.changes.map((c: { path: string }) => c.path)).toEqual([
      'scope',
      'serviceHours',
      'sla',
      'responseAuthorisation',
      'neverTouch',
      'communication',
      'escalationContacts',
      'minimumTuningPeriodDays',
    ]);
    expect((await api.as(CUSTOMER).get(`${base}/compare?from=1&to=7`)).status).toBe(404);
  });
});

function fieldsOfBody(body: { details?: Array<{ field: string }> }): string[] {
  return (body.details ?? []).map((d) => d.field);
}
