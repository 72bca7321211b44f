// bench/onboarding-page/compare: the onboarding page and JSON of two builds, byte for byte.
//
// Starts this build and another one (BEFORE_ROOT, a checkout of the commit to compare with, built)
// on one database with one set of secrets, walks an onboarding through several states, and in each
// state, for each language and time zone, fetches the customer's and the provider lead's portal
// page (GET /onboardings/:id) and JSON (GET /api/onboardings/:id) from both. The CSRF tokens differ
// per request and are masked; anything else that differs is printed and fails the run. For work
// that must not change what a page says (caching, hoisting, splitting).
//   BEFORE_ROOT=/path/to/other/checkout node dist/bench/onboarding-page/compare.js
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Client } from 'pg';
import { createBenchDatabase, portalEnv } from '../support/bench-database';
import { Children, ROOT, sleep } from '../support/children';
import { call, expectStatus, login } from '../support/http';
import { portalSession } from '../load/portal-session';

const BEFORE_ROOT = process.env.BEFORE_ROOT;
const LANGUAGES = ['ja', 'en', 'zh'];
const ZONES = ['Asia/Tokyo', 'America/New_York', 'Europe/Berlin'];

interface Viewer {
  email: string;
  token: string;
  cookie: string;
}

const mask = (text: string): string =>
  text
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="…"')
    .replace(/<meta name="csrf-token" content="[^"]*"/g, '<meta name="csrf-token" content="…"');

async function fetchText(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  return `${response.status}\n${mask(text)}`;
}

async function main(): Promise<void> {
  if (!BEFORE_ROOT) throw new Error('BEFORE_ROOT must name the other build');
  const children = new Children();
  const database = await createBenchDatabase('obcompare');
  const db = new Client({ connectionString: database.url });
  let differences = 0;
  let compared = 0;
  try {
    const password = randomBytes(12).toString('base64url');
    const env = { ...portalEnv(database, password), NODE_ENV: 'production' };
    const after = await children.start('after', 'dist/apps/api/src/main.js', '/api/ping', env);
    const before = await children.start(
      'before',
      relative(ROOT, join(BEFORE_ROOT, 'dist/apps/api/src/main.js')),
      '/api/ping',
      env,
    );
    await db.connect();
    const base = after.base;
    const lead = await login(base, 'lead@mdr.example', password);
    const engagements = (await expectStatus('GET', `${base}/api/engagements`, lead, 200)) as {
      items: { id: string; customerName: string }[];
    };
    const engagement = engagements.items.find((e) => e.customerName === 'Sakura Manufacturing');
    if (!engagement) throw new Error('no Sakura engagement in the demo seed');
    const created = (await expectStatus('POST', `${base}/api/onboardings`, lead, 201, {
      engagementId: engagement.id,
      templateKey: 'edr-mdr-onboarding',
      plannedStartDate: '2027-03-01',
    })) as { id: string };
    const id = created.id;
    const viewer = async (email: string): Promise<Viewer> => ({
      email,
      token: await login(base, email, password),
      cookie: await portalSession(base, email, password),
    });
    const viewers = [
      await viewer('security@sakura.example'),
      await viewer('lead@mdr.example'),
      await viewer('it-jp@sakura.example'),
    ];
    const [customer, , it] = viewers;
    const step = (key: string, action: string, token: string, body: object = {}) =>
      call('POST', `${base}/api/onboardings/${id}/steps/${key}/${action}`, token, body);

    const compareAll = async (state: string): Promise<void> => {
      for (const language of LANGUAGES) {
        for (const zone of ZONES) {
          await db.query(`UPDATE app_user SET language = $1, time_zone = $2`, [language, zone]);
          await sleep(150); // the other process drops its kept grants a moment after the commit
          for (const v of viewers) {
            for (const [kind, path, headers] of [
              ['page', `/onboardings/${id}`, { cookie: v.cookie }],
              ['json', `/api/onboardings/${id}`, { authorization: `Bearer ${v.token}` }],
              ['history', `/onboardings/${id}/history`, { cookie: v.cookie }],
            ] as const) {
              const [a, b] = await Promise.all([
                fetchText(`${after.base}${path}`, headers),
                fetchText(`${before.base}${path}`, headers),
              ]);
              compared += 1;
              if (a !== b) {
                differences += 1;
                const name = `/tmp/obcompare-${state}-${language}-${zone.replace('/', '_')}-${v.email}-${kind}`;
                writeFileSync(`${name}.after`, a);
                writeFileSync(`${name}.before`, b);
                console.log(`DIFFERENT: ${name}.{before,after}`);
              }
            }
          }
        }
      }
      console.log(`state ${state}: compared (${compared} so far, ${differences} different)`);
    };

    await compareAll('created');
    for (const key of ['endpoint_inventory', 'bandwidth_survey', 'existing_security_products'])
      console.log(`complete ${key}: ${(await step(key, 'complete', it.token)).status}`);
    await compareAll('tasks-done');
    const proposed = await call(
      'POST',
      `${base}/api/onboardings/${id}/steps/update_policy/proposals`,
      lead,
      { note: 'Waves: pilot first' },
    );
    console.log(`propose update_policy: ${proposed.status}`);
    await compareAll('proposed');
    console.log(`approve: ${(await step('update_policy', 'approve', customer.token)).status}`);
    const detail = (await expectStatus('GET', `${base}/api/onboardings/${id}`, lead, 200)) as {
      steps: { key: string; state: string; waivable: boolean; actions: string[] }[];
    };
    const waivable = detail.steps.find((s) => s.waivable && s.actions.includes('waive'));
    if (waivable)
      console.log(
        `waive ${waivable.key}: ${(await step(waivable.key, 'waive', lead, { reason: 'Not needed for this customer' })).status}`,
      );
    const approval = detail.steps.find(
      (s) => s.state === 'open' && s.actions.includes('reject') && s.key !== 'update_policy',
    );
    if (approval)
      console.log(
        `reject ${approval.key}: ${(await step(approval.key, 'reject', lead, { reason: 'Please revise the scope' })).status}`,
      );
    await compareAll('decided');
    console.log(
      differences === 0
        ? `identical: ${compared} pages and documents`
        : `${differences} of ${compared} differ`,
    );
  } catch (error) {
    children.printOutputs();
    throw error;
  } finally {
    await db.end().catch(() => undefined);
    await children.stopAll();
    await database.cleanup();
  }
  if (differences > 0) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
