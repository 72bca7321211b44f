import 'reflect-metadata';
import { ConfigError, ensurePrivateDataDir, loadConfig, runMigrations, startEmbeddedPostgres } from '@app/platform';
import { SCHEMA } from '../../../migrations/schema';
import { createApiApp } from './create-api-app';
import { rememberedJwtSecret, rememberedSessionSecret } from './embedded-secrets';
import { demoPassword, printDemoBanner } from './seed/demo-banner';
import { DemoSeeder } from './seed/demo-seeder';
import { seedDemoWithScenario } from './seed/scenario/scenario-seeder';

/**
 * Embedded mode (no DATABASE_URL): PGlite in ./data served on a local socket, migrations and
 * the demo seed at boot, jobs in-process. Server mode: real PostgreSQL, Redis and SMTP.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  let stopEmbedded: (() => Promise<void>) | null = null;
  if (config.mode === 'embedded') {
    // Before the secrets are written into it: DATA_DIR must be the owner's alone.
    await ensurePrivateDataDir(config.dataDir);
    config.sessionSecret = await rememberedSessionSecret(config);
    config.jwtSecret = await rememberedJwtSecret(config);
    const embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      maxConnections: config.databasePoolSize * 2 + 10,
    });
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
  console.log(`MDR portal listening on ${config.host}:${config.port}, links point at ${config.publicUrl} (${config.mode} mode)`);
  printBanner();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('The portal failed to start:', error);
  }
  process.exit(1);
});
