import { NestFactory } from '@nestjs/core';
import { AuditModule } from '@app/audit';
import { Engagement } from '@app/identity';
import { AppConfig, AppConfigModule, DatabaseModule, NotFoundException } from '@app/platform';
import {
  EndpointImportService,
  ImportProgress,
  ImportReport,
  RolloutInventoryModule,
} from '@app/rollout';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { SCHEMA } from '../../../../migrations/schema';

const USAGE =
  'Usage: npm run cli -- import-endpoints --engagement <id> <file.csv> [--skip-invalid]';

interface Args {
  engagementId: string;
  file: string;
  skipInvalid: boolean;
}

function parseArgs(args: string[]): Args | null {
  let engagementId = '';
  let file = '';
  let skipInvalid = false;
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--engagement') engagementId = args[++i] ?? '';
    else if (args[i] === '--skip-invalid') skipInvalid = true;
    else if (!file && !args[i].startsWith('--')) file = args[i];
    else return null;
  }
  return engagementId && file ? { engagementId, file, skipInvalid } : null;
}

/** Progress on a terminal: one redrawn bar; otherwise a plain line every few seconds. */
function progressPrinter(total: number): (p: ImportProgress) => void {
  const tty = process.stderr.isTTY === true;
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    const share = total > 0 ? Math.min(1, p.bytes / total) : 1;
    if (tty) {
      if (now - last < 100 && share < 1) return;
      const width = 30;
      const filled = Math.round(share * width);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${p.rows} rows  ${(p.bytes / 1048576).toFixed(1)} MB`,
      );
    } else if (now - last >= 2000 || share === 1) {
      process.stderr.write(`progress: ${p.rows} rows, ${p.bytes} of ${total} bytes\n`);
    } else return;
    last = now;
  };
}

function printReport(report: ImportReport): void {
  const verb = report.imported > 0 || report.invalid === 0 ? 'imported' : 'not imported';
  console.log(
    `${verb}: ${report.rows} rows read, ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.invalid} invalid${report.skipInvalid ? ' (skipped)' : ''}`,
  );
  console.log(
    `support status: ${Object.entries(report.bySupportStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  for (const p of report.problems) console.log(`line ${p.line}: ${p.reason}`);
  if (report.problemsTruncated)
    console.log(`… and ${report.invalid - report.problems.length} more bad rows`);
}

/**
 * Imports an endpoint inventory CSV for an engagement as the operator (audited as the system),
 * through the same service as the API: exit 0 when imported, 1 when bad rows stopped it.
 */
export async function importEndpointsCommand(
  _dataSource: DataSource,
  args: string[],
  config: AppConfig,
): Promise<number> {
  const parsed = parseArgs(args);
  if (!parsed) {
    console.error(USAGE);
    return 2;
  }
  @Module({
    imports: [
      AppConfigModule.forRoot(config),
      DatabaseModule.forRoot(SCHEMA),
      AuditModule,
      RolloutInventoryModule,
    ],
  })
  class CliImportModule {}
  const app = await NestFactory.createApplicationContext(CliImportModule, { logger: false });
  try {
    const engagement = await app
      .get(DataSource)
      .getRepository(Engagement)
      .findOneBy({ id: parsed.engagementId });
    if (!engagement) throw new NotFoundException('Engagement');
    const total = statSync(parsed.file).size;
    const progress = progressPrinter(total);
    try {
      const report = await app
        .get(EndpointImportService)
        .importEndpoints(
          { userId: null, organisationId: null, ip: null, userAgent: 'cli import-endpoints' },
          engagement,
          createReadStream(parsed.file, { highWaterMark: 256 * 1024 }),
          {
            skipInvalid: parsed.skipInvalid,
            fileName: basename(parsed.file),
            onProgress: progress,
          },
        );
      if (process.stderr.isTTY) process.stderr.write('\n');
      printReport(report);
      return 0;
    } catch (error) {
      if (process.stderr.isTTY) process.stderr.write('\n');
      const details = (error as { details?: unknown }).details;
      if (details && typeof details === 'object' && 'problems' in details) {
        printReport(details as ImportReport);
        console.error((error as Error).message);
        return 1;
      }
      throw error;
    }
  } finally {
    await app.close();
  }
}
