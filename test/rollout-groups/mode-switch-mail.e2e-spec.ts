// date-sensitive: the agreed tuning period (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { Clock } from '@app/platform';
import type { AddressObject, ParsedMail } from 'mailparser';
import { JobHandlerRegistry } from '@app/notify';
import { Api, expectStatus, providerIdOf } from '../agreements/support/agreements-driver';
import { sampleAgreement, sampleCatalogue } from '../agreements/support/fixtures';
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { startTestApp, TestApp } from '../support/test-app';
import { insertEndpoints } from './support/planning-fixtures';

const LEAD = 'lead@mdr.example';
const CUSTOMER = 'security@sakura.example';

describe('mode switch: concurrent requests, mails to the customer and the requester, agreed tuning period', () => {
  let smtp: SmtpSink;
  let t: TestApp;
  let api: Api;
  let base: string;
  let engagementId: string;

  const group = async (name: string, priority: number, hostnames: string[]): Promise<string> => {
    const id = expectStatus(
      await api.as(LEAD).post(`${base}/groups`, { name, kind: 'production', priority, hostnames }),
      201,
    ).body.id as string;
    return id;
  };
  // The tuning period is measured from when the group entered detect mode: move that back.
  const detectFor = (groupId: string, days: number) =>
    t.dataSource.query(
      `UPDATE group_policy SET mode_since = $3::timestamptz - make_interval(days => $2) WHERE group_id = $1`,
      [groupId, days, t.app.get(Clock).now()],
    );

  /** The first mail (of all received, waiting as needed) whose subject names `words`. */
  const mailAbout = async (words: string, to: string): Promise<ParsedMail> => {
    for (let n = 1; ; n += 1) {
      const found = (await smtp.waitFor(n)).find(
        (m) => m.subject?.includes(words) && (m.to as AddressObject).text === to,
      );
      if (found) return found;
    }
  };

  const worker = () => {
    if (!t.worker) throw new Error('the worker runs in this test');
    return t.worker;
  };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestApp({ seed: true, withWorker: true, env: { SMTP_URL: smtp.url } });
    api = new Api(t);
    engagementId = await sakuraEngagementId(t, new Tokens(t));
    base = `/api/engagements/${engagementId}`;
    await insertEndpoints(t, engagementId, [
      { hostname: 'pc-1' },
      { hostname: 'pc-2' },
      { hostname: 'pc-3' },
      { hostname: 'pc-4' },
    ]);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('of concurrent requests for one group exactly one is created; the others answer 409, none 500', async () => {
    const raced = await group('Raced', 1, ['pc-1']);
    await detectFor(raced, 40);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api.as(LEAD).post(`${base}/groups/${raced}/mode-switch`, {})),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body).toMatchObject({
        code: 'MODE_SWITCH_PENDING',
        message: `A mode switch of group "Raced" is already waiting for the customer's decision`,
      });
    }
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM mode_switch_request WHERE group_id = $1`,
      [raced],
    );
    expect(count).toBe(1);
  });

  it('mails the security lead when a switch is requested, and the requester when it is decided; a retried job sends nothing more', async () => {
    const approvedGroup = await group('Office JP', 2, ['pc-2']);
    const rejectedGroup = await group('Office CN', 3, ['pc-3']);
    await detectFor(approvedGroup, 45);
    await detectFor(rejectedGroup, 45);
    const first = expectStatus(
      await api.as(LEAD).post(`${base}/groups/${approvedGroup}/mode-switch`, {
        note: 'no false positives for two weeks',
      }),
      201,
    ).body;
    const asked = await mailAbout('Office JP', CUSTOMER);
    expect(asked.subject).toBe(
      '【ご判断のお願い】グループ「Office JP」のブロックモードへの切り替え（Sakura Manufacturing）',
    );
    expect(asked.text).toContain(
      '検知モードで45日経過しており（合意した最低チューニング期間は30日）',
    );
    expect(asked.text).toContain('申請者のコメント：no false positives for two weeks');
    expect(asked.text).toContain(`/engagements/${engagementId}/mode-switches`);

    expectStatus(
      await api
        .as(CUSTOMER)
        .post(`${base}/groups/${approvedGroup}/mode-switch/${first.id}/approve`),
      200,
    );
    const second = expectStatus(
      await api.as(LEAD).post(`${base}/groups/${rejectedGroup}/mode-switch`, {}),
      201,
    ).body;
    await mailAbout('Office CN', CUSTOMER);
    expectStatus(
      await api
        .as(CUSTOMER)
        .post(`${base}/groups/${rejectedGroup}/mode-switch/${second.id}/reject`, {
          reason: 'wait until the quarter-end close',
        }),
      200,
    );
    const approved = await mailAbout('"Office JP"', LEAD);
    expect(approved.subject).toBe('Approved: block mode for "Office JP" (Sakura Manufacturing)');
    expect(approved.text).toContain('is now in block mode');
    const rejection = await mailAbout('"Office CN"', LEAD);
    expect(rejection.subject).toBe('Rejected: block mode for "Office CN" (Sakura Manufacturing)');
    expect(rejection.text).toContain('Reason: wait until the quarter-end close');
    expect(rejection.text).toContain('The group stays in detect mode.');
    const switchMails = () =>
      smtp.messages
        .filter((m) => /block mode|ブロックモード/.test(m.subject ?? ''))
        .map((m) => `${(m.to as AddressObject).text}: ${m.subject}`);
    expect(switchMails().sort()).toEqual([
      'lead@mdr.example: Approved: block mode for "Office JP" (Sakura Manufacturing)',
      'lead@mdr.example: Rejected: block mode for "Office CN" (Sakura Manufacturing)',
      'security@sakura.example: 【ご判断のお願い】グループ「Office CN」のブロックモードへの切り替え（Sakura Manufacturing）',
      'security@sakura.example: 【ご判断のお願い】グループ「Office JP」のブロックモードへの切り替え（Sakura Manufacturing）',
      'security@sakura.example: 【ご判断のお願い】グループ「Raced」のブロックモードへの切り替え（Sakura Manufacturing）',
    ]);

    // The ledger: the same jobs handled again (a retry) send nothing.
    const count = switchMails().length;
    const requestUser = (
      await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [CUSTOMER])
    )[0].id as string;
    const registry = worker().get(JobHandlerRegistry, { strict: false });
    await registry.handlerFor('mode-switch-decided')?.handle('retry', { requestId: first.id });
    await registry
      .handlerFor('mode-switch-requested')
      ?.handle('retry', { requestId: second.id, userId: requestUser });
    expect(registry.missing(['mode-switch-decided', 'mode-switch-requested'])).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(switchMails().length).toBe(count);
  });

  it('takes the minimum tuning period from the approved agreement, not the 30-day default', async () => {
    const tuned = await group('Agreed period', 4, ['pc-4']);
    await detectFor(tuned, 10);
    const refusedByDefault = await api.as(LEAD).post(`${base}/groups/${tuned}/mode-switch`, {});
    expect(refusedByDefault.status).toBe(409);
    expect(refusedByDefault.body.details.tuningPeriod).toEqual({
      days: 30,
      source: 'default',
      agreementVersion: null,
    });
    expect(refusedByDefault.body.details.daysRemaining).toBe(20);

    // Agreement v1 agreed with a 7-day tuning period: proposed by the provider, approved by the customer.
    const lead = await new Tokens(t).for(LEAD);
    await t
      .http()
      .put(`/api/providers/${await providerIdOf(t)}/catalogue`)
      .set('Authorization', lead)
      .send(sampleCatalogue())
      .expect(200);
    const agreement = sampleAgreement();
    agreement.minimumTuningPeriodDays = 7;
    agreement.escalationContacts = agreement.escalationContacts.map((c: object, i: number) => ({
      ...c,
      email: `contact${i + 1}@sakura.example`,
    }));
    expectStatus(await api.as(LEAD).post(`${base}/agreement`, agreement), 201);
    expectStatus(await api.as(LEAD).post(`${base}/agreement/versions/1/propose`, {}), 200);
    const whileProposed = await api.as(LEAD).get(`${base}/mode-switches`);
    expect(whileProposed.body.tuningPeriod).toEqual({
      days: 30,
      source: 'default',
      agreementVersion: null,
    });
    expectStatus(await api.as(CUSTOMER).post(`${base}/agreement/versions/1/approve`, {}), 200);

    const overview = expectStatus(await api.as(CUSTOMER).get(`${base}/mode-switches`), 200).body;
    expect(overview.tuningPeriod).toEqual({ days: 7, source: 'agreement', agreementVersion: 1 });
    expect(overview.groups.find((g: { groupId: string }) => g.groupId === tuned)).toMatchObject({
      ready: true,
      daysRemaining: 0,
    });
    expectStatus(await api.as(LEAD).post(`${base}/groups/${tuned}/mode-switch`, {}), 201);
  });
});
