import 'reflect-metadata';
import { AppConfig, buildDataSourceOptions, ConfigError, DomainException, loadConfig, startEmbeddedPostgres } from '@app/platform';
import { DataSource } from 'typeorm';
import { SCHEMA } from '../../../migrations/schema';
import { auditVerifyCommand } from './commands/audit-verify.command';
import { verifyProgressCommand } from './commands/verify-progress.command';
import { importEndpointsCommand } from './commands/import-endpoints.command';

type Command = (dataSource: DataSource, args: string[], config: AppConfig) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  'audit-verify': { run: auditVerifyCommand, help: 'walk the audit hash chain; non-zero naming the first bad record' },
  'verify-progress': { run: verifyProgressCommand, help: 'compare kept onboarding progress with its steps; non-zero naming differences' },
  'import-endpoints': { run: importEndpointsCommand, help: '--engagement <id> <file.csv> [--skip-invalid]: import an endpoint inventory' },
};

function usage(): string {
  return ['Usage: npm run cli -- <command> [args]', 'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)} ${c.help}`)].join('\n');
}

/** Operator commands against the same database as the portal (embedded: stop the portal first). */
async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
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
    console.error(error instanceof ConfigError || error instanceof DomainException ? error.message : error);
    process.exit(1);
  });
