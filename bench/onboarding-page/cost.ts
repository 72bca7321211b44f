// bench/onboarding-page/cost: what one onboarding page and one onboarding JSON cost, sequentially.
//
// bench:load's probes count Node CPU in 10 ms ticks over 20 calls; this runs many more calls of
// the two routes alone (BENCH_ROUNDS, default 200) on the state bench:load probes (a standard
// template onboarding with the customer IT's three tasks done), so a change of a millisecond
// shows, and with BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=…" the profile holds only them.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBenchDatabase, portalEnv, positive } from '../support/bench-database';
import { Children, ROOT, sleep } from '../support/children';
import { expectStatus, login } from '../support/http';
import { cpuMs, formatMs } from '../support/process-cost';
import { portalSession } from '../load/portal-session';

const ROUNDS = positive('BENCH_ROUNDS', 200);
/** Only the routes whose name contains this (e.g. "page"), for a profile of one route. */
const ONLY = process.env.BENCH_ONLY ?? '';
const APP_NODE_ARGS = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');

async function main(): Promise<void> {
  const children = new Children();
  const database = await createBenchDatabase('obcost');
  const counters = await mkdtemp(join(tmpdir(), 'bench-obcost-'));
  const file = join(counters, 'statements');
  try {
    const password = randomBytes(12).toString('base64url');
    const env = {
      ...portalEnv(database, password),
      NODE_ENV: 'production',
      BENCH_STATEMENT_COUNT_FILE: file,
    };
    const app = await children.start('portal', 'dist/apps/api/src/main.js', '/api/ping', env, [
      '--require',
      join(ROOT, 'dist/bench/load/statement-counter.js'),
      ...APP_NODE_ARGS,
    ]);
    const base = app.base;
    const statements = async (): Promise<number> => {
      await rm(file, { force: true });
      app.process.kill('SIGUSR2');
      for (let i = 0; !existsSync(file); i += 1) {
        if (i > 500) throw new Error('the portal did not write its statement count');
        await sleep(10);
      }
      await sleep(10);
      return Number(readFileSync(file, 'utf8'));
    };
    const lead = await login(base, 'lead@mdr.example', password);
    const engagements = (await expectStatus('GET', `${base}/api/engagements`, lead, 200)) as {
      items: { id: string; customerName: string }[];
    };
    const engagement = engagements.items.find((e) => e.customerName === 'Sakura Manufacturing');
    if (!engagement) throw new Error('no Sakura engagement in the demo seed');
    const { id } = (await expectStatus('POST', `${base}/api/onboardings`, lead, 201, {
      engagementId: engagement.id,
      templateKey: 'edr-mdr-onboarding',
      plannedStartDate: '2027-03-01',
    })) as { id: string };
    const it = await login(base, 'it-jp@sakura.example', password);
    for (const key of ['endpoint_inventory', 'bandwidth_survey', 'existing_security_products'])
      await expectStatus(
        'POST',
        `${base}/api/onboardings/${id}/steps/${key}/complete`,
        it,
        200,
        {},
      );
    const token = await login(base, 'security@sakura.example', password);
    const cookie = await portalSession(base, 'security@sakura.example', password);
    const routes: [string, string, Record<string, string>][] = [
      ['portal onboarding page', `/onboardings/${id}`, { cookie }],
      ['onboarding JSON', `/api/onboardings/${id}`, { authorization: `Bearer ${token}` }],
      ['portal simple page', '/account/notifications', { cookie }],
    ];
    console.log(
      `bench/onboarding-page: ${ROUNDS} sequential calls per route (load average ${loadavg()[0].toFixed(2)})`,
    );
    for (const [name, path, headers] of routes.filter(([n]) => n.includes(ONLY))) {
      let bytes = 0;
      const get = async (): Promise<void> => {
        const response = await fetch(`${base}${path}`, { headers });
        bytes = (await response.arrayBuffer()).byteLength;
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      };
      for (let i = 0; i < 20; i += 1) await get(); // warm
      const sentBefore = await statements();
      const cpuBefore = cpuMs(app.process.pid);
      for (let i = 0; i < ROUNDS; i += 1) await get();
      const cpuAfter = cpuMs(app.process.pid);
      const sent = (await statements()) - sentBefore;
      const cpu = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / ROUNDS;
      console.log(
        `  ${name.padEnd(26)}${formatMs(cpu).padStart(10)} node CPU${(sent / ROUNDS).toFixed(1).padStart(6)} SQL statements${(bytes / 1024).toFixed(0).padStart(6)} KB`,
      );
    }
  } catch (error) {
    children.printOutputs();
    throw error;
  } finally {
    await children.stopAll();
    await database.cleanup();
    await rm(counters, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
