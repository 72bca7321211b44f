import 'reflect-metadata';
import {
  AppConfig,
  buildDataSourceOptions,
  ConfigError,
  DomainException,
  loadConfig,
  startEmbeddedPostgres,
} from '@app/platform';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../../../migrations/schema';
import { auditVerifyCommand } from './commands/audit-verify.command';
import { verifyProgressCommand } from './commands/verify-progress.command';
import { importEndpointsCommand } from './commands/import-endpoints.command';
import { rotateSigningKeyCommand } from './commands/rotate-signing-key.command';
import { verifyBundleCommand } from './commands/verify-bundle.command';

type Command = (dataSource: DataSource, args: string[], config: AppConfig) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  'audit-verify': {
    run: auditVerifyCommand,
    help: 'walk the audit hash chain; non-zero naming the first bad record',
  },
  'verify-progress': {
    run: verifyProgressCommand,
    help: 'compare kept onboarding progress with its steps; non-zero naming differences',
  },
  'import-endpoints': {
    run: importEndpointsCommand,
    help: '--engagement <id> <file.csv> [--skip-invalid]: import an endpoint inventory',
  },
  'rotate-signing-key': {
    run: rotateSigningKeyCommand,
    help: 'replace the checkpoint signing key (old public keys stay published)',
  },
};

/** Commands that need no database (nor any configuration). */
const OFFLINE_COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; help: string }> =
  {
    'verify-bundle': {
      run: verifyBundleCommand,
      help: '<bundle.zip|folder> [--statement f]… [--keys f]: verify a completion bundle offline',
    },
  };

function usage(): string {
  return [
    'Usage: npm run cli -- <command> [args]',
    'Commands:',
    ...[...Object.entries(COMMANDS), ...Object.entries(OFFLINE_COMMANDS)].map(
      ([name, c]) => `  ${name.padEnd(18)} ${c.help}`,
    ),
  ].join('\n');
}

/** Operator commands against the same database as the portal (embedded: stop the portal first). */
async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const offline = name ? OFFLINE_COMMANDS[name] : undefined;
  if (offline) return offline.run(args);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.error(usage());
    return 2;
  }
  const config = loadConfig();
  let stop: (() => Promise<void>) | null = null;
  if (config.mode === 'embedded') {
    const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, maxConnections: 4 });
    config.databaseUrl = embedded.url;
    stop = embedded.stop;
  }
  const dataSource = new DataSource(buildDataSourceOptions(config.databaseUrl, SCHEMA, 2));
  await dataSource.initialize();
  try {
    return await command.run(dataSource, args, config);
  } finally {
    await dataSource.destroy();
    if (stop) await stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(
      error instanceof ConfigError || error instanceof DomainException ? error.message : error,
    );
    process.exit(1);
  });
