// Only light modules here (configuration, the data folder, the embedded database's starter): the
// application's own modules take seconds to load and are imported once PGlite is starting.
import { ConfigError, loadConfig } from '@app/platform/config/app-config';
import { spawnEmbeddedPostgres } from '@app/platform/database/embedded-postgres';
import { ensurePrivateDataDir } from '@app/platform/database/private-data-dir';
import { rememberedJwtSecret, rememberedSessionSecret } from './embedded-secrets';
import type { EmbeddedDatabase } from './run-portal';

/**
 * Embedded mode (no DATABASE_URL): PGlite in ./data served on a local socket, migrations and
 * the demo seed at boot, jobs in-process. Server mode: real PostgreSQL, Redis and SMTP.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  let embeddedDatabase: Promise<EmbeddedDatabase> | null = null;
  if (config.mode === 'embedded') {
    // Before the secrets are written into it: DATA_DIR must be the owner's alone.
    await ensurePrivateDataDir(config.dataDir);
    config.sessionSecret = await rememberedSessionSecret(config);
    config.jwtSecret = await rememberedJwtSecret(config);
    // PGlite starts in its worker thread while this thread loads the application (two cores
    // overlap); a failure is handled where runPortal awaits it, not as an unhandled rejection.
    const spawned = await spawnEmbeddedPostgres({
      dataDir: config.dataDir,
      maxConnections: config.databasePoolSize * 2 + 10,
    });
    spawned.ready.catch(() => undefined);
    embeddedDatabase = spawned.ready;
  }
  await import('reflect-metadata');
  const { runPortal } = await import('./run-portal');
  await runPortal(config, embeddedDatabase);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('The portal failed to start:', error);
  }
  process.exit(1);
});
