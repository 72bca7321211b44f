// Migrates once into a template database; each test file clones it (CREATE DATABASE ... TEMPLATE).
import { join } from 'node:path';
import { register } from 'tsconfig-paths';

const root = join(__dirname, '..', '..');
// globalSetup runs outside jest's module system, so map the @app/* aliases like tsconfig does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { compilerOptions } = require('../../tsconfig.json') as {
  compilerOptions: { paths: Record<string, string[]> };
};
register({ baseUrl: root, paths: compilerOptions.paths });

export default async function globalSetup(): Promise<void> {
  // Required lazily so the path mapping above is in place first.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as typeof import('pg');
  const { runMigrations } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../../libs/platform/src/database/run-migrations') as typeof import('../../libs/platform/src/database/run-migrations');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SCHEMA } = require('../../migrations/schema') as typeof import('../../migrations/schema');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const env = require('./test-env') as typeof import('./test-env');

  const admin = new Client({ connectionString: env.ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${env.TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${env.TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  await runMigrations(env.databaseUrl(env.TEMPLATE_DATABASE), SCHEMA);
}
