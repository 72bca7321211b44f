import { verifyAuditChains } from '@app/audit';
import { CALENDAR_FEED_RATE_LIMIT } from '../../apps/api/src/portal/calendar/calendar-feed.controller';
import { redisOptionsFromUrl } from '@app/platform';
import { Queue } from 'bullmq';
import { ParsedMail } from 'mailparser';
import { recipients, serverEnv, sleep, until } from '../faults/support/fault-kit';
import { freePort, RunningPortal, spawnPortal, spawnWorker } from '../support/spawn-portal';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { testClockNow } from '../support/test-clock';
import { TEST_REDIS_URL } from '../support/test-env';
import {
  acceptInvitationAt,
  Answer,
  call,
  expectCall,
  portalSessionAt,
  signIn,
} from './support/process-client';

/*
 * Scale past one machine: two API processes (the built ones, server mode, two ports) and one
 * worker on one PostgreSQL database, one Redis queue prefix and one SMTP server. Customers are
 * set up and onboarded with every call spread over both APIs; then every onboarding runs
 * approval cycles at once, with proposals and approvals racing through both processes and
 * comments that mail the people they mention. Afterwards nothing answered 2xx is missing or
 * doubled (rows, each engagement's audit chain, every mail once in the SMTP server), the racing
 * approvals of a step gave one 200 and clean 409s, a session of one process works on the other,
 * and the shared limits count once for both processes.
 */

const CUSTOMERS = 3;
const ROUNDS = 3;
/** Concurrent approvals of one proposed step, spread over both APIs. */
const RACERS = 6;
/** The approval steps cycled; the proposer is the provider lead, the approver the customer's security lead. */
const STEPS = ['update_policy', 'existing_av_plan'];
const PLEASE_LOOK = 'please look at the proposal';
/** The customer IT tasks that open the approval step. */
const OPENING_TASKS = ['endpoint_inventory', 'bandwidth_survey', 'existing_security_products'];
const LEAD = 'lead@mdr.example';
/** LOGIN_FREE_FAILURES of the processes: failures of one account and address before 429. */
const FREE_FAILURES = 5;
const FEED_LIMIT = CALENDAR_FEED_RATE_LIMIT;

const notificationIdOf = (mail: ParsedMail): string =>
  String(mail.headers.get('x-mdr-notification-id') ?? '');

interface Customer {
  index: number;
  domain: string;
  engagementId: string;
  onboardingId: string;
  securityLead: string;
  it: string;
  /** Authorization header values, each issued by one process and used on both. */
  securityLeadToken: string;
  itToken: string;
}

/** What the concurrent phase was answered, per approval step. */
interface Outcome {
  proposals: Answer[];
  /** Per round, the racing decisions. */
  decisions: Answer[][];
  comments: Answer[];
}

/** One approval step of one customer's onboarding, cycled through both APIs. */
interface Target {
  customer: Customer;
  step: string;
  stepId: string;
  outcome: Outcome;
}

describe('scale: two API processes and a worker over one database and one Redis', () => {
  let sink: SmtpSink;
  let t: TestApp;
  const apis: RunningPortal[] = [];
  let worker: RunningPortal;
  let leadToken: string;
  const customers: Customer[] = [];
  const targets: Target[] = [];

  const api = (n: number): string => (apis[n % 2] as RunningPortal).baseUrl;
  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await t.dataSource.query(sql, params)) as T[];
  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await rows<{ n: string }>(sql, params))[0]?.n ?? 0);
  const stepIdOf = async (onboardingId: string, key: string): Promise<string> =>
    (
      await rows<{ id: string }>(
        `SELECT id FROM onboarding_step WHERE onboarding_id = $1 AND key = $2`,
        [onboardingId, key],
      )
    )[0]?.id ?? '';
  const mailsTo = (address: string): ParsedMail[] =>
    sink.messages.filter((m) => recipients(m).includes(address));

  beforeAll(async () => {
    sink = await startSmtpSink();
    // The in-process app clones the template database and seeds the demo people; every call of
    // the test goes to the spawned processes.
    t = await startTestApp({ seed: true });
    const env = serverEnv({
      databaseUrl: t.database.url,
      redisUrl: TEST_REDIS_URL,
      queuePrefix: t.config.queuePrefix,
      smtpUrl: sink.url,
      extra: {
        LOGIN_FREE_FAILURES: String(FREE_FAILURES),
        // Long enough that no refused guess becomes allowed while the burst runs.
        LOGIN_FIRST_DELAY_SECONDS: '600',
      },
    });
    const started = await Promise.all([
      spawnPortal(env, await freePort()),
      spawnPortal(env, await freePort()),
      spawnWorker(env, await freePort()),
    ]);
    apis.push(started[0], started[1]);
    worker = started[2];
    leadToken = await signIn(api(0), LEAD, TEST_PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...apis, worker].filter(Boolean).map((p) => p.stop()));
    const queue = new Queue('mail', {
      connection: redisOptionsFromUrl(TEST_REDIS_URL),
      prefix: t?.config.queuePrefix,
    });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await t?.close();
    await sink?.stop();
  }, 90_000);

  /** The set-password token of the invitation mailed to `address` (by the worker). */
  const invitationTokenFor = (address: string): Promise<string> =>
    until(
      `the invitation mail to ${address}`,
      () => {
        const mail = mailsTo(address).find((m) => /set-password\?token=/.test(m.text ?? ''));
        return /set-password\?token=([A-Za-z0-9_-]{43})/.exec(mail?.text ?? '')?.[1];
      },
      60_000,
    );

  /**
   * A new customer, its engagement, security lead and IT person, and an onboarding whose
   * approval step is open: each call on one API, the next often on the other, so what one
   * process issued (tokens, invitation links) is used on the other.
   */
  async function setUpCustomer(index: number): Promise<Customer> {
    const domain = `scale${index}.example`;
    const here = api(index);
    const there = api(index + 1);
    const organisation = await expectCall<{ id: string }>(
      201,
      here,
      'POST',
      '/api/organisations',
      leadToken,
      { kind: 'customer', name: `Scale Customer ${index}`, language: 'en', emailDomains: [domain] },
    );
    const engagement = await expectCall<{ id: string }>(
      201,
      there,
      'POST',
      '/api/engagements',
      leadToken,
      { customerOrganisationId: organisation.id, name: `Scale Customer ${index} MDR` },
    );
    const securityLead = `security@${domain}`;
    await expectCall(201, here, 'POST', '/api/users', leadToken, {
      email: securityLead,
      displayName: `Security lead ${index}`,
      organisationId: organisation.id,
      role: 'customer_security_lead',
    });
    // The form comes from one process and is posted to the other: CSRF and session are shared.
    await acceptInvitationAt(there, await invitationTokenFor(securityLead), TEST_PASSWORD, here);
    const securityLeadToken = await signIn(there, securityLead, TEST_PASSWORD);
    const it = `it@${domain}`;
    await expectCall(201, here, 'POST', '/api/users', securityLeadToken, {
      email: it,
      displayName: `IT ${index}`,
      organisationId: organisation.id,
      role: 'customer_it',
      countryCode: 'JP',
    });
    await acceptInvitationAt(here, await invitationTokenFor(it), TEST_PASSWORD, there);
    const itToken = await signIn(here, it, TEST_PASSWORD);
    const onboarding = await expectCall<{ id: string }>(
      201,
      there,
      'POST',
      '/api/onboardings',
      leadToken,
      {
        engagementId: engagement.id,
        templateKey: 'edr-mdr-onboarding',
        plannedStartDate: '2027-06-01',
      },
    );
    for (const [n, key] of OPENING_TASKS.entries())
      await expectCall(
        200,
        api(index + n),
        'POST',
        `/api/onboardings/${onboarding.id}/steps/${key}/complete`,
        itToken,
        {},
      );
    const opened = await rows<{ key: string; state: string }>(
      `SELECT key, state FROM onboarding_step WHERE onboarding_id = $1 AND key = ANY($2) ORDER BY key`,
      [onboarding.id, STEPS],
    );
    expect(opened).toEqual([...STEPS].sort().map((key) => ({ key, state: 'open' })));
    return {
      index,
      domain,
      engagementId: engagement.id,
      onboardingId: onboarding.id,
      securityLead,
      it,
      securityLeadToken,
      itToken,
    };
  }

  it('sets up customers with every call spread over both APIs and invitations mailed by the worker', async () => {
    customers.push(
      ...(await Promise.all(Array.from({ length: CUSTOMERS }, (_, i) => setUpCustomer(i)))),
    );
    for (const customer of customers) {
      expect(mailsTo(customer.securityLead).length).toBeGreaterThan(0);
      expect(mailsTo(customer.it).length).toBeGreaterThan(0);
    }
  }, 240_000);

  /**
   * One round on one approval step: two proposals at once through both APIs, then RACERS
   * decisions at once through both (rejections, and approvals in the last round); meanwhile the
   * lead and the customer comment on the step, each mentioning the other (a mail each).
   */
  async function round(target: Target, r: number): Promise<void> {
    const { customer, outcome } = target;
    const steps = `/api/onboardings/${customer.onboardingId}/steps/${target.step}`;
    const thread = `/api/engagements/${customer.engagementId}/conversations/step/${target.stepId}`;
    const comments = Promise.all([
      call(api(r), 'POST', thread, leadToken, {
        body: `Round ${r} of ${target.step}: @${customer.securityLead} ${PLEASE_LOOK}`,
      }),
      call(api(r + 1), 'POST', thread, customer.securityLeadToken, {
        body: `Round ${r} of ${target.step}: looking, @${LEAD}`,
      }),
    ]);
    outcome.proposals.push(
      ...(await Promise.all(
        [0, 1].map((n) =>
          call(api(r + n), 'POST', `${steps}/proposals`, leadToken, {
            note: `Customer ${customer.index}, round ${r}, proposal ${n}`,
          }),
        ),
      )),
    );
    const last = r === ROUNDS - 1;
    outcome.decisions.push(
      await Promise.all(
        Array.from({ length: RACERS }, (_, n) =>
          last
            ? call(api(r + n), 'POST', `${steps}/approve`, customer.securityLeadToken, {})
            : call(api(r + n), 'POST', `${steps}/reject`, customer.securityLeadToken, {
                reason: `Not yet (${n})`,
              }),
        ),
      ),
    );
    outcome.comments.push(...(await comments));
  }

  it('runs approval cycles of every onboarding at once through both APIs: one decision per race, the rest a clean 409', async () => {
    for (const customer of customers)
      for (const step of STEPS)
        targets.push({
          customer,
          step,
          stepId: await stepIdOf(customer.onboardingId, step),
          outcome: { proposals: [], decisions: [], comments: [] },
        });
    await Promise.all(
      targets.map(async (target) => {
        for (let r = 0; r < ROUNDS; r += 1) await round(target, r);
      }),
    );
    for (const { outcome } of targets) {
      expect(outcome.proposals.map((a) => a.status)).toEqual(Array<number>(2 * ROUNDS).fill(201));
      expect(outcome.comments.map((a) => a.status)).toEqual(Array<number>(2 * ROUNDS).fill(201));
      for (const race of outcome.decisions) {
        expect(race.filter((a) => a.status === 200)).toHaveLength(1);
        const refused = race.filter((a) => a.status !== 200);
        expect(refused.map((a) => a.status)).toEqual(Array<number>(RACERS - 1).fill(409));
        for (const answer of refused)
          expect(answer.body).toMatchObject({ statusCode: 409, code: 'STEP_WRONG_STATE' });
      }
    }
  }, 240_000);

  it('records every answered change exactly once: rows and contiguous audit chains', async () => {
    for (const { customer, step, stepId, outcome } of targets) {
      // Proposals: one submission per 201, numbered 1..n without a gap or a repeat.
      const versions = await rows<{ version: number }>(
        `SELECT version FROM step_submission WHERE onboarding_id = $1 AND step_key = $2 ORDER BY version`,
        [customer.onboardingId, step],
      );
      const numbered = Array.from({ length: outcome.proposals.length }, (_, i) => i + 1);
      expect(versions.map((v) => Number(v.version))).toEqual(numbered);
      expect(
        outcome.proposals
          .map((a) => (a.body as { submissionVersion: number }).submissionVersion)
          .sort((a, b) => a - b),
      ).toEqual(numbered);
      // Decisions: one event per race, as many as 200s (rejections, then the approval).
      const events = await rows<{ action: string; n: string }>(
        `SELECT action, count(*) AS n FROM onboarding_event
          WHERE onboarding_id = $1 AND step_key = $2 AND action IN ('approved', 'rejected')
          GROUP BY action ORDER BY action`,
        [customer.onboardingId, step],
      );
      expect(events).toEqual([
        { action: 'approved', n: '1' },
        { action: 'rejected', n: String(ROUNDS - 1) },
      ]);
      // Comments: exactly the ones answered 201, each once, each with one audit record.
      const posted = outcome.comments.map((a) => (a.body as { id: string }).id).sort();
      const stored = await rows<{ id: string }>(
        `SELECT id FROM conversation_comment WHERE subject_id = $1 ORDER BY id`,
        [stepId],
      );
      expect(stored.map((c) => c.id)).toEqual(posted);
      expect(
        await count(
          `SELECT count(*) AS n FROM audit_record WHERE action = 'conversation.comment_posted' AND subject_id = ANY($1)`,
          [posted],
        ),
      ).toBe(posted.length);
    }
    for (const customer of customers) {
      // The engagement's chain: positions 1..n, no gap, no repeat, its head at n.
      const chain = `engagement:${customer.engagementId}`;
      const [positions] = await rows<{ n: string; low: string; high: string; distinct: string }>(
        `SELECT count(*) AS n, min(chain_seq) AS low, max(chain_seq) AS high, count(DISTINCT chain_seq) AS distinct
           FROM audit_record WHERE chain = $1`,
        [chain],
      );
      expect(positions).toMatchObject({ low: '1', high: positions?.n, distinct: positions?.n });
      const [head] = await rows<{ seq: string }>(
        `SELECT seq FROM audit_chain_head WHERE chain = $1`,
        [chain],
      );
      expect(head?.seq).toBe(positions?.n);
    }
    const verified = await verifyAuditChains(t.dataSource);
    expect(verified.problem).toBeUndefined();
    expect(verified.ok).toBe(true);
  }, 120_000);

  it('delivers every mail of the outbox exactly once to the SMTP server', async () => {
    await until(
      'every due outbox message completed',
      async () =>
        (await count(
          `SELECT count(*) AS n FROM outbox_message WHERE completed_at IS NULL AND (run_at IS NULL OR run_at <= now())`,
        )) === 0
          ? true
          : undefined,
      120_000,
      200,
    );
    // A second delivery would come from a job run twice: give one the time to arrive.
    await sleep(1500);
    const delivered = sink.messages.map(notificationIdOf);
    expect(delivered.filter((id) => id === '')).toEqual([]);
    const repeated = delivered.filter((id, i) => delivered.indexOf(id) !== i);
    expect(repeated).toEqual([]);
    const ledger = await rows<{ outbox_id: string }>(
      `SELECT outbox_id FROM sent_notification WHERE sending_until IS NULL`,
    );
    expect([...delivered].sort()).toEqual(ledger.map((l) => l.outbox_id).sort());
    // Each comment mailed the one person it mentions.
    for (const customer of customers) {
      const mentions = mailsTo(customer.securityLead).filter((m) =>
        (m.text ?? '').includes(PLEASE_LOOK),
      );
      expect(mentions).toHaveLength(ROUNDS * STEPS.length);
    }
  }, 180_000);

  it('accepts on one process the tokens and sessions the other issued, and ends them on both', async () => {
    const customer = customers[0] as Customer;
    const token = await signIn(api(0), customer.it, TEST_PASSWORD);
    const cookie = await portalSessionAt(api(1), customer.it, TEST_PASSWORD);
    for (const base of [api(0), api(1)]) {
      expect((await call(base, 'GET', '/api/me', token)).status).toBe(200);
      const page = await fetch(`${base}/onboardings/${customer.onboardingId}`, {
        headers: { cookie },
      });
      expect(page.status).toBe(200);
    }
    // Signing out on one process ends the token on the other at its next request.
    expect((await call(api(1), 'POST', '/api/auth/logout', token)).status).toBeLessThan(300);
    expect((await call(api(0), 'GET', '/api/me', token)).status).toBe(401);
  }, 60_000);

  it('answers the same on both processes after a change made through the other', async () => {
    const customer = customers[1] as Customer;
    const step = STEPS[0] as string;
    const read = async (base: string): Promise<unknown[]> =>
      Promise.all(
        [
          `/api/onboardings/${customer.onboardingId}`,
          `/api/onboardings/${customer.onboardingId}/gate`,
          '/api/overview?limit=50',
        ].map((path) => expectCall(200, base, 'GET', path, leadToken)),
      );
    const stateOn = async (base: string): Promise<string> => {
      const detail = (await read(base))[0] as { steps: { key: string; state: string }[] };
      return detail.steps.find((s) => s.key === step)?.state ?? '';
    };
    const steps = `/api/onboardings/${customer.onboardingId}/steps/${step}`;
    // Both processes have read the onboarding (and may keep what derives from it); each then
    // changes it in turn and the other answers with the change.
    expect(await stateOn(api(0))).toBe('done');
    expect(await read(api(0))).toEqual(await read(api(1)));
    await expectCall(200, api(0), 'POST', `${steps}/reopen`, leadToken, { reason: 'once more' });
    expect(await stateOn(api(1))).not.toBe('done');
    expect(await read(api(0))).toEqual(await read(api(1)));
    await expectCall(201, api(1), 'POST', `${steps}/proposals`, leadToken, { note: 'again' });
    expect(await read(api(0))).toEqual(await read(api(1)));
    await expectCall(200, api(0), 'POST', `${steps}/approve`, customer.securityLeadToken, {});
    expect(await stateOn(api(1))).toBe('done');
    expect(await read(api(0))).toEqual(await read(api(1)));
  }, 60_000);

  it('counts failed sign-ins once for both processes: a burst spread over both lets exactly the free tries through', async () => {
    const email = 'nobody@scale.example';
    const answers = await Promise.all(
      Array.from({ length: 3 * FREE_FAILURES }, (_, n) =>
        call(api(n), 'POST', '/api/auth/login', null, { email, password: `wrong ${n}` }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(FREE_FAILURES);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * FREE_FAILURES);
    // Afterwards both processes refuse alike.
    for (const base of [api(0), api(1)])
      expect(
        (await call(base, 'POST', '/api/auth/login', null, { email, password: 'x' })).status,
      ).toBe(429);
  }, 60_000);

  it('counts a rate limit once for both processes', async () => {
    // The burst stays inside one minute's window of the business clock.
    const intoMinute = testClockNow().getTime() % 60_000;
    if (intoMinute > 45_000) await sleep(60_000 - intoMinute + 200);
    const burst = FEED_LIMIT + 10;
    const answers = await Promise.all(
      Array.from({ length: burst }, (_, n) =>
        call(api(n), 'GET', `/calendar/mdrc_${'0'.repeat(43)}.ics`, null),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(FEED_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(burst - FEED_LIMIT);
  }, 90_000);
});
