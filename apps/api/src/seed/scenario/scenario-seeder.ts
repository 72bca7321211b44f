import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ConfirmationDecisionsService,
  ConfirmationTokens,
  DomainConfirmation,
} from '@app/authorisation';
import { IncidentContext, PeacetimeActivityHandler } from '@app/incidents';
import { APP_CONFIG, AppConfig, Clock, TransactionRunner } from '@app/platform';
import { DataSource } from 'typeorm';
import { DemoSeeder, SeedResult } from '../demo-seeder';
import { InProcessClient } from './in-process-client';
import { InProcessMoments, seedNorthwind } from './northwind-scenario';
import { seedSakura } from './sakura-scenario';
import { ADMIN, DAY_MS, LEAD, ScenarioContext, Timeline } from './scenario-context';
import { scenarioHints } from './scenario-hints';

export interface ScenarioResult {
  seeded: boolean;
  /** How long seeding took (real time), 0 when nothing was seeded. */
  tookMs: number;
  /** The banner's lines: per person, what waits on them now. */
  hints: string[];
}

/** How long before today the story begins: the organisations, people and engagements exist from then. */
const STORY_BEGINS_DAYS_AGO = 130;

/**
 * The demo's organisations, people and engagements, then the scenario on top of them. The people
 * are seeded with the business clock at the story's beginning, so an engagement that has been in
 * service for weeks does not say it began today.
 */
export async function seedDemoWithScenario(
  app: NestFastifyApplication,
  password: string,
): Promise<{ people: SeedResult; scenario: ScenarioResult }> {
  const clock = app.get(Clock);
  const startedReal = clock.realNowMs();
  const startedAt = clock.now();
  let people: SeedResult;
  clock.travelTo(new Date(startedAt.getTime() - STORY_BEGINS_DAYS_AGO * DAY_MS));
  try {
    people = await app.get(DemoSeeder).seed(password);
  } finally {
    clock.travelTo(new Date(startedAt.getTime() + (clock.realNowMs() - startedReal)));
  }
  return { people, scenario: await seedScenario(app, password) };
}

/** Serialises first starts of several processes; held on its own connection for the whole seed. */
const SCENARIO_LOCK = 5150002;
const CONFIRMATION_LINK_TTL_SECONDS = 3600;

/**
 * The scenario demo: on top of the demo's people, Sakura's onboarding in progress and Northwind's
 * started service, each thing done by the person whose job it is through the app's own routes
 * (in-process HTTP), at the moment the story puts it (the business clock moved there, then put
 * back to where it would read had it not been moved). Seeds once: a second start finds Sakura's
 * onboarding and only computes the banner's hints.
 */
async function seedScenario(
  app: NestFastifyApplication,
  password: string,
): Promise<ScenarioResult> {
  const clock = app.get(Clock);
  const client = new InProcessClient(app, password);
  const runner = app.get(DataSource).createQueryRunner();
  await runner.connect();
  const startedReal = clock.realNowMs();
  const startedAt = clock.now();
  let seeded = false;
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [SCENARIO_LOCK]);
    // Asked of the database, not through a sign-in: a later start writes no session or audit record.
    const onboardings = (await runner.query('SELECT 1 FROM onboarding LIMIT 1')) as unknown[];
    if (onboardings.length === 0) {
      const timeline = new Timeline(clock);
      const ctx = new ScenarioContext(client, timeline, startedAt, password);
      const engagements = await client.ok<{
        items: { id: string; customerName: string; customerOrganisationId: string }[];
      }>(LEAD, 'GET', '/api/engagements');
      const engagementOf = (name: string) => {
        const found = engagements.items.find((e) => e.customerName === name);
        if (!found) throw new Error(`Scenario: no engagement for ${name}`);
        return found;
      };
      const providers = await client.ok<{ items: { id: string; name: string }[] }>(
        ADMIN,
        'GET',
        '/api/organisations?kind=provider',
      );
      const providerId = providers.items.find((o) => o.name === 'Example MDR')?.id ?? '';
      const northwind = engagementOf('Northwind Retail');
      const sakura = engagementOf('Sakura Manufacturing');
      // Both stories at once, in the order of their moments (see Timeline).
      const told = (story: () => Promise<unknown>) => {
        timeline.join();
        return async () => {
          try {
            await story();
          } finally {
            timeline.leave();
          }
        };
      };
      const stories = [
        told(() =>
          seedNorthwind(
            ctx,
            moments(app, password),
            northwind.id,
            northwind.customerOrganisationId,
            providerId,
          ),
        ),
        told(() => seedSakura(ctx, sakura.id)),
      ];
      // Both settle before the clock is put back, even when one fails.
      const failed = (await Promise.allSettled(stories.map((story) => story()))).find(
        (r) => r.status === 'rejected',
      );
      if (failed) throw failed.reason;
      seeded = true;
    }
  } finally {
    // Back to the time the clock would read had it never been moved.
    clock.travelTo(new Date(startedAt.getTime() + (clock.realNowMs() - startedReal)));
    await runner.query('SELECT pg_advisory_unlock($1)', [SCENARIO_LOCK]).catch(() => undefined);
    await runner.release();
  }
  const tookMs = seeded ? clock.realNowMs() - startedReal : 0;
  return { seeded, tookMs, hints: await scenarioHints(app) };
}

/** The moments that exist only as links in mails or as the scheduler's runs, done in-process. */
function moments(app: NestFastifyApplication, password: string): InProcessMoments {
  const tx = app.get(TransactionRunner);
  return {
    acceptInvitation: (userId, email) =>
      app.get(DemoSeeder).acceptInvitationOf(userId, email, password),
    async confirmDomain(confirmationId) {
      // The mail's own link may be issued after ours (which revokes ours), or at the same moment
      // (a deadlock, one side rolled back): issue again and retry.
      for (let attempt = 0; attempt < 8; attempt++) {
        try {
          const token = await tx.run(async (manager) => {
            const confirmation = await manager
              .getRepository(DomainConfirmation)
              .findOneByOrFail({ id: confirmationId });
            return (
              await app
                .get(ConfirmationTokens, { strict: false })
                .issue(manager, confirmation, CONFIRMATION_LINK_TTL_SECONDS)
            ).token;
          });
          const outcome = await app
            .get(ConfirmationDecisionsService, { strict: false })
            .decide(token, 'approve', { ip: null, userAgent: 'demo scenario' });
          if (outcome === 'confirmed') return;
        } catch (error: unknown) {
          if (!/deadlock|could not serialize/i.test(String(error))) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('Scenario: the domain permission could not be confirmed');
    },
    async peacetimeActivity(engagementId) {
      // Server mode: the handler lives in the worker, whose scheduler creates them from the next period on.
      if (app.get<AppConfig>(APP_CONFIG).mode !== 'embedded') return false;
      const handler = app.get(PeacetimeActivityHandler, { strict: false });
      const runbook = await app
        .get(IncidentContext, { strict: false })
        .runbook(tx.manager, engagementId, 'peacetime_runbook');
      for (const step of runbook?.steps ?? []) {
        if (step.schedule)
          await handler.handle('demo-scenario', { engagementId, stepKey: step.key });
      }
      return true;
    },
  };
}
