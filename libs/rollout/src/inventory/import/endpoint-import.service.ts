import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, Actor, Engagement, EngagementService } from '@app/identity';
import { APP_CONFIG, AppConfig, Clock, DomainException, TransactionRunner, ValidationException } from '@app/platform';
import { ExternalStepEvents } from '@app/workflow';
import type { PoolClient } from 'pg';
import { EntityManager } from 'typeorm';
import { memoisedClassifier } from '../../support/endpoint-classifier';
import { supportMatrixFor } from '../../support/matrices';
import { assertMayEditRollout, isoDay } from '../inventory-access';
import { CopyRowSink, CopyTarget, CREATE_STAGE_SQL, STAGE_TABLE } from './copy-row-sink';
import { InsertStagingSink } from './insert-staging-sink';
import { readEndpointRows, RowStreamResult } from './endpoint-row-stream';
import { ImportOptions, ImportReport } from './import-report';

export type ImportSource = AsyncIterable<Buffer | string>;

const UPSERT_SQL = `
  WITH up AS (
    INSERT INTO endpoint (id, engagement_id, hostname, type, os_family, os_version, kernel, site, country,
                          existing_product, tags, support_status, support_reason)
    SELECT id, $1, hostname, type, os_family, os_version, kernel, site, country, existing_product,
           tags, support_status, support_reason
    FROM ${STAGE_TABLE}
    ON CONFLICT (engagement_id, lower(hostname)) DO UPDATE SET
      hostname = EXCLUDED.hostname, type = EXCLUDED.type, os_family = EXCLUDED.os_family,
      os_version = EXCLUDED.os_version, kernel = EXCLUDED.kernel, site = EXCLUDED.site,
      country = EXCLUDED.country, existing_product = EXCLUDED.existing_product, tags = EXCLUDED.tags,
      support_status = EXCLUDED.support_status, support_reason = EXCLUDED.support_reason, updated_at = now()
    -- An unchanged row is not rewritten (no new tuple, no index churn): re-imports stay cheap.
    WHERE (endpoint.hostname, endpoint.type, endpoint.os_family, endpoint.os_version, endpoint.kernel, endpoint.site,
           endpoint.country, endpoint.existing_product, endpoint.tags, endpoint.support_status, endpoint.support_reason)
      IS DISTINCT FROM (EXCLUDED.hostname, EXCLUDED.type, EXCLUDED.os_family, EXCLUDED.os_version, EXCLUDED.kernel, EXCLUDED.site,
           EXCLUDED.country, EXCLUDED.existing_product, EXCLUDED.tags, EXCLUDED.support_status, EXCLUDED.support_reason)
    RETURNING (xmax = 0) AS inserted
  )
  SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`;

/**
 * Imports an engagement's endpoint inventory CSV in one transaction: rows stream through the
 * parser, validator and classifier into COPY on a temporary table, then one set-based upsert by
 * hostname (a first import copies straight into `endpoint`: see copyTargetFor). A file with any bad row imports nothing unless skip-invalid is asked for. One audit
 * record per import; the automatic checks that read the inventory are re-run in the same
 * transaction.
 */
@Injectable()
export class EndpointImportService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly engagements: EngagementService,
    private readonly steps: ExternalStepEvents,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The API's path: scope and role are checked before the body is opened. */
  async importForScope(
    scope: AccessScope,
    engagementId: string,
    open: () => Promise<{ source: ImportSource; fileName: string | null }>,
    options: ImportOptions,
  ): Promise<ImportReport> {
    const engagement = await this.engagements.get(scope, engagementId);
    assertMayEditRollout(scope, engagement);
    const upload = await open();
    return this.importEndpoints(scope.actor, engagement, upload.source, { ...options, fileName: upload.fileName });
  }

  /** Unscoped: for the operator CLI (and the scoped path above, once it has checked). */
  async importEndpoints(actor: Actor, engagement: Engagement, source: ImportSource, options: ImportOptions): Promise<ImportReport> {
    const classify = memoisedClassifier(supportMatrixFor(engagement.edrProduct), isoDay(this.clock.now()), this.config.eolSoonDays);
    return this.tx.run(async (manager) => {
      const client = await connectionOf(manager);
      // One import of an engagement at a time, so that "no endpoints yet" stays true until commit.
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('endpoint_import:' || $1))`, [engagement.id]);
      // Embedded PGlite cannot take COPY FROM STDIN: it always stages through batched INSERTs.
      const embedded = this.config.mode === 'embedded';
      const target: CopyTarget = embedded ? { kind: 'stage' } : await copyTargetFor(client, engagement.id);
      if (target.kind === 'stage') await client.query(CREATE_STAGE_SQL);
      const sink = embedded ? new InsertStagingSink(client) : new CopyRowSink(client, target);
      let read: RowStreamResult;
      try {
        read = await readEndpointRows(source, classify, sink, options.onProgress);
      } catch (error) {
        await sink.abort(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
      await sink.end();
      if (read.headerProblems.length) {
        throw new ValidationException(read.headerProblems.map((reason) => ({ field: 'file', reason })));
      }
      const report = (created: number, updated: number, imported = created + updated): ImportReport => ({
        engagementId: engagement.id,
        rows: read.rows,
        valid: read.valid,
        invalid: read.invalid,
        bytes: read.bytes,
        bySupportStatus: read.bySupportStatus,
        imported,
        created,
        updated,
        unchanged: imported - created - updated,
        problems: read.problems,
        problemsTruncated: read.problemsTruncated,
        skipInvalid: options.skipInvalid,
      });
      if (read.invalid > 0 && !options.skipInvalid) {
        throw new DomainException(
          'VALIDATION_FAILED',
          `${read.invalid} of ${read.rows} rows are invalid; nothing was imported (correct them, or import with skip-invalid to leave them out)`,
          report(0, 0),
        );
      }
      const [counts] =
        target.kind === 'endpoint'
          ? [{ created: read.valid, updated: 0 }]
          : (await client.query<{ created: number; updated: number }>(UPSERT_SQL, [engagement.id])).rows;
      const done = report(counts.created, counts.updated, read.valid);
      await this.steps.checksChanged(manager, actor, engagement.id);
      await this.audit.record(manager, actor, {
        action: 'endpoint.inventory_imported',
        subjectType: 'engagement',
        subjectId: engagement.id,
        organisationId: engagement.customerOrganisationId,
        engagementId: engagement.id,
        changes: {
          fileName: options.fileName ?? null,
          rows: done.rows,
          created: done.created,
          updated: done.updated,
          unchanged: done.unchanged,
          skipped: done.invalid,
          skipInvalid: done.skipInvalid,
          bySupportStatus: done.bySupportStatus,
        },
      });
      return done;
    });
  }
}

/**
 * A first import (the engagement has no endpoints) copies straight into `endpoint`, so the
 * database inserts while the file is still being parsed; otherwise rows are staged for the upsert.
 */
async function copyTargetFor(client: PoolClient, engagementId: string): Promise<CopyTarget> {
  const { rows } = await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM endpoint WHERE engagement_id = $1) AS any', [engagementId]);
  return rows[0].any ? { kind: 'stage' } : { kind: 'endpoint', engagementId };
}

/** The pg connection the transaction runs on, for COPY (TypeORM has no API for it). */
async function connectionOf(manager: EntityManager): Promise<PoolClient> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('COPY needs the transaction of an EntityManager');
  return (await runner.connect()) as PoolClient;
}
