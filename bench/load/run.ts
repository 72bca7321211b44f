// bench/load: a mixed workload at rising concurrency against the same app's constant endpoint.
//
// The mix, per connection in turn: the onboarding page of the portal (HTML, session cookie), the
// service-start gate (JSON, bearer), the account manager's overview, and an approval cycle on a
// step (the provider proposes, the customer approves; under concurrency some approvals meet a
// step another connection just decided and answer 409, which is counted apart, not as an error).
// For each concurrency it prints throughput and p50/p95/p99 of the mix and of GET /api/ping, and
// at the end the knee: the lowest concurrency where the mix's p99 passes 100 ms.
import 'reflect-metadata';
import type autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { createBenchDatabase, portalEnv, positive } from '../support/bench-database';
import { Children } from '../support/children';
import { expectStatus, login } from '../support/http';
import { describeLoad, LoadResult, measureLoad } from '../support/latency';
import { portalSession } from './portal-session';

const LEVELS = (process.env.BENCH_LEVELS ?? '1,4,16,32,64').split(',').map((n) => {
  const level = Number(n);
  if (!Number.isInteger(level) || level < 1) throw new Error(`BENCH_LEVELS must list whole numbers >= 1, got "${n}"`);
  return level;
});
const DURATION = positive('BENCH_SECONDS', 5);
const KNEE_MS = 100;
const APPROVAL_STEP = 'update_policy';

interface Prepared {
  onboardingId: string;
  lead: string;
  security: string;
  am: string;
  cookie: string;
}

async function prepare(base: string, password: string): Promise<Prepared> {
  const lead = await login(base, 'lead@mdr.example', password);
  const security = await login(base, 'security@sakura.example', password);
  const am = await login(base, 'am@mdr.example', password);
  const engagements = (await expectStatus('GET', `${base}/api/engagements`, lead, 200)) as { items: { id: string; customerName: string }[] };
  const sakura = engagements.items.find((e) => e.customerName === 'Sakura Manufacturing');
  if (!sakura) throw new Error('the demo seed has no Sakura engagement');
  const created = (await expectStatus('POST', `${base}/api/onboardings`, lead, 201, {
    engagementId: sakura.id,
    templateKey: 'edr-mdr-onboarding',
    plannedStartDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
  })) as { id: string };
  // Open the approval step: its dependencies are tasks of the customer's IT staff.
  const it = await login(base, 'it-jp@sakura.example', password);
  for (const key of ['endpoint_inventory', 'bandwidth_survey', 'existing_security_products']) {
    await expectStatus('POST', `${base}/api/onboardings/${created.id}/steps/${key}/complete`, it, 200, {});
  }
  const cookie = await portalSession(base, 'security@sakura.example', password);
  return { onboardingId: created.id, lead, security, am, cookie };
}

function mix(base: string, p: Prepared): autocannon.Request[] {
  const step = `/api/onboardings/${p.onboardingId}/steps/${APPROVAL_STEP}`;
  const json = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  return [
    { method: 'GET', path: `/onboardings/${p.onboardingId}`, headers: { cookie: p.cookie } },
    { method: 'GET', path: `/api/onboardings/${p.onboardingId}/gate`, headers: json(p.lead) },
    { method: 'GET', path: '/api/overview?limit=20', headers: json(p.am) },
    { method: 'POST', path: `${step}/proposals`, headers: json(p.lead), body: JSON.stringify({ content: { text: `Waves of ${randomBytes(3).toString('hex')}` } }) },
    { method: 'POST', path: `${step}/approve`, headers: json(p.security), body: '{}' },
  ];
}

function breakdown(r: LoadResult): string {
  return [...r.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(' ');
}

async function main(): Promise<void> {
  const children = new Children();
  const database = await createBenchDatabase('load');
  try {
    const password = randomBytes(12).toString('base64url');
    const app = await children.start('portal', 'dist/apps/api/src/main.js', '/api/ping', portalEnv(database, password));
    const prepared = await prepare(app.base, password);
    const requests = mix(app.base, prepared);
    console.log(`bench/load: ${DURATION} s per level, mix = portal page, gate, overview, propose, approve; machine ${cpus().length} cores`);
    let knee: number | null = null;
    for (const connections of LEVELS) {
      const ping = await measureLoad({ url: `${app.base}/api/ping`, connections, duration: DURATION }, 1);
      const mixed = await measureLoad({ url: app.base, connections, duration: DURATION, requests }, 1);
      const serverErrors = [...mixed.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
      console.log(`-- ${connections} connections (load average ${loadavg()[0].toFixed(2)})`);
      console.log(describeLoad('  GET /api/ping (constant)', ping));
      console.log(describeLoad('  mixed workload', mixed));
      console.log(`  ratio mixed/constant throughput ${(mixed.rps / ping.rps).toFixed(3)}; statuses ${breakdown(mixed)}; errors ${mixed.errors}`);
      if (serverErrors + mixed.errors > 0) throw new Error(`${serverErrors} server errors and ${mixed.errors} failed requests at ${connections} connections`);
      if (knee === null && mixed.p99 > KNEE_MS) knee = connections;
    }
    console.log(knee === null ? `knee: p99 stayed under ${KNEE_MS} ms up to ${LEVELS[LEVELS.length - 1]} connections` : `knee: p99 passes ${KNEE_MS} ms at ${knee} connections`);
  } catch (error) {
    children.printOutputs();
    throw error;
  } finally {
    await children.stopAll();
    await database.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
