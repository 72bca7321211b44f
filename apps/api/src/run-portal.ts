import { AppConfig, runMigrations } from '@app/platform';
import { SCHEMA } from '../../../migrations/schema';
import { createApiApp } from './create-api-app';
import { demoPassword, printDemoBanner } from './seed/demo-banner';
import { DemoSeeder } from './seed/demo-seeder';
import { seedDemoWithScenario } from './seed/scenario/scenario-seeder';

/** The embedded database main.ts started, once it is ready; null in server mode. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Everything after the configuration: migrations (embedded mode), the Nest application, the demo
 * seed, the HTTP listener and the shutdown on SIGINT/SIGTERM. Loaded by main.ts with a dynamic
 * import, so that its modules load while PGlite starts in its worker thread.
 */
export async function runPortal(
  config: AppConfig,
  embeddedDatabase: Promise<EmbeddedDatabase> | null,
): Promise<void> {
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (embeddedDatabase) {
    const embedded = await embeddedDatabase;
    config.databaseUrl = embedded.url;
    stopEmbedded = embedded.stop;
    await runMigrations(config.databaseUrl, SCHEMA);
  }
  const app = await createApiApp(config);
  // The banner (where to go, how to log in) is printed last, after everything else start prints.
  let printBanner = (): void => undefined;
  if (config.seedDemo) {
    const seeder = app.get(DemoSeeder);
    const password = await demoPassword(config, (candidate) => seeder.problemWith(candidate));
    if (config.seedScenario) {
      const { people, scenario } = await seedDemoWithScenario(app, password.value);
      printBanner = () => printDemoBanner(config, people.seeded, password, scenario);
    } else {
      const result = await seeder.seed(password.value);
      printBanner = () => printDemoBanner(config, result.seeded, password);
    }
  }
  await app.listen({ port: config.port, host: config.host });
  // Our own signal handling (not Nest's shutdown hooks, which re-raise the signal): close the
  // app (relay, workers, pool), then the embedded database, and exit 0.
  const shutdown = async (): Promise<void> => {
    // Whatever hangs (a stuck connection, a job that will not stop), do not outlive the grace period.
    setTimeout(() => {
      console.error('Shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000).unref();
    try {
      await app.close();
      if (stopEmbedded) await stopEmbedded();
      process.exit(0);
    } catch (error: unknown) {
      console.error('Shutdown failed:', error);
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  console.log(
    `MDR portal listening on ${config.host}:${config.port}, links point at ${config.publicUrl} (${config.mode} mode)`,
  );
  printBanner();
}
