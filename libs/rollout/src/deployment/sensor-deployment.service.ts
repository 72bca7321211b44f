import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, can, Engagement, Page, Paging } from '@app/identity';
import {
  Clock,
  FieldError,
  ForbiddenException,
  NotFoundException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { EntityManager } from 'typeorm';
import { assertMayEditRollout, mayEditRollout } from '../inventory/inventory-access';
import { PlanningAccess } from '../planning/planning-access';
import { planOf } from '../waves/waves.service';
import type { WavesPlan } from '../waves/waves-plan';
import { csvLineField, parseDeploymentCsv } from './deployment-csv';
import {
  checkDeploymentRecords,
  DeploymentRecord,
  DeploymentRecordInput,
  MAX_DEPLOYMENT_RECORDS,
} from './deployment-records';
import { DeploymentStatus } from './endpoint-deployment.entity';
import { ENDPOINTS_WITH_SCOPE_SQL, SetApartReason } from './sensor-scope';

/** An in-scope endpoint's deployment: as recorded, or `pending` when nothing is. */
export type DeploymentState = DeploymentStatus | 'pending';
export const DEPLOYMENT_STATES: readonly DeploymentState[] = [
  'deployed',
  'failed',
  'excused',
  'pending',
];

export interface DeploymentCounts {
  endpoints: number;
  deployed: number;
  failed: number;
  excused: number;
  pending: number;
}

export interface WaveDeployment extends DeploymentCounts {
  site: string;
  wave: number;
  groupName: string;
  hostnames: { hostname: string; state: DeploymentState }[];
}

export interface DeploymentSummary {
  engagementId: string;
  /** Every endpoint that will get the sensor. */
  inScope: DeploymentCounts;
  /** Per update wave of the current plan. */
  waves: WaveDeployment[];
  /** In-scope endpoints in no wave yet (no group, or a site without figures). */
  unscheduled: DeploymentCounts;
  /** Endpoints set apart from the roll-out (see GET waves for which and why). */
  setApart: number;
}

export interface DeploymentRow {
  endpointId: string;
  hostname: string;
  site: string;
  state: DeploymentState;
  reason: string | null;
  wave: number | null;
  recordedBy: string | null;
  recordedByName: string | null;
  recordedAt: string | null;
}

export interface DeploymentFilters {
  state?: DeploymentState;
  site?: string;
  /** Hostname prefix, case-insensitive. */
  q?: string;
}

export type DeploymentSource = 'api' | 'csv' | 'portal';

export interface DeploymentReport {
  recorded: number;
  deployed: number;
  failed: number;
  excused: number;
}

/** A value of a JSON body's records: `records[2].status`. */
const apiField = (i: number, name: string): string => `records[${i}].${name}`;

function emptyCounts(): DeploymentCounts {
  return { endpoints: 0, deployed: 0, failed: 0, excused: 0, pending: 0 };
}

function count(into: DeploymentCounts, state: DeploymentState): void {
  into.endpoints += 1;
  into[state] += 1;
}

function isSecurityLead(scope: AccessScope, engagement: Engagement): boolean {
  return can(scope, 'rollout.deployment.excuse', engagement);
}

/**
 * The sensor's deployment per endpoint and wave: recorded (one, many, or a CSV) by the customer's
 * IT staff or security lead and the provider's lead or analysts; only the customer's security
 * lead excuses an endpoint. Endpoints set apart from the roll-out take no record. Every call is
 * one transaction with its audit record.
 */
@Injectable()
export class SensorDeploymentService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: PlanningAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** May this person record deployments (and may they excuse)? For the portal's forms. */
  rightsOf(scope: AccessScope, engagement: Engagement): { record: boolean; excuse: boolean } {
    return { record: mayEditRollout(scope, engagement), excuse: isSecurityLead(scope, engagement) };
  }

  /** 404 for an engagement the caller cannot see, 403 when they may not record deployments. */
  async assertMayRecord(scope: AccessScope, engagementId: string): Promise<void> {
    assertMayEditRollout(scope, await this.access.readable(scope, engagementId));
  }

  async summary(scope: AccessScope, engagementId: string): Promise<DeploymentSummary> {
    await this.access.readable(scope, engagementId);
    const manager = this.tx.manager;
    return summarise(
      engagementId,
      await planOf(manager, engagementId),
      await inScopeStates(manager, engagementId),
    );
  }

  async list(
    scope: AccessScope,
    engagementId: string,
    filters: DeploymentFilters,
    paging: Paging,
  ): Promise<Page<DeploymentRow>> {
    await this.access.readable(scope, engagementId);
    const params: unknown[] = [engagementId];
    const where = ['e.engagement_id = $1', 'sa.reason IS NULL'];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filters.state) add(`coalesce(d.status, 'pending') = ?`, filters.state);
    if (filters.site) add('e.site = ?', filters.site);
    if (filters.q)
      add(
        `lower(e.hostname) LIKE ? || '%'`,
        filters.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`),
      );
    const from = `${ENDPOINTS_WITH_SCOPE_SQL} LEFT JOIN endpoint_deployment d ON d.engagement_id = e.engagement_id AND d.endpoint_id = e.id`;
    const manager = this.tx.manager;
    const [{ total }] = await manager.query(
      `SELECT count(*)::int AS total FROM ${from} WHERE ${where.join(' AND ')}`,
      params,
    );
    const rows: {
      id: string;
      hostname: string;
      site: string;
      status: DeploymentStatus | null;
      reason: string | null;
      wave: number | null;
      recorded_by: string | null;
      name: string | null;
      recorded_at: Date | null;
    }[] = await manager.query(
      `SELECT e.id, e.hostname, e.site, d.status, d.reason, d.wave, d.recorded_by, u.display_name AS name, d.recorded_at
         FROM ${from} LEFT JOIN app_user u ON u.id = d.recorded_by
         WHERE ${where.join(' AND ')} ORDER BY lower(e.hostname) LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, paging.limit, paging.offset],
    );
    return {
      items: rows.map((r) => ({
        endpointId: r.id,
        hostname: r.hostname,
        site: r.site,
        state: r.status ?? 'pending',
        reason: r.reason,
        wave: r.wave,
        recordedBy: r.recorded_by,
        recordedByName: r.name,
        recordedAt: r.recorded_at ? new Date(r.recorded_at).toISOString() : null,
      })),
      total,
      ...paging,
    };
  }

  /** Records many endpoints' deployment by hostname (a JSON body, the portal's wave form). */
  record(
    scope: AccessScope,
    engagementId: string,
    inputs: DeploymentRecordInput[],
    source: DeploymentSource,
    field = apiField,
  ): Promise<DeploymentReport> {
    return this.tx.run(async (manager) => {
      const engagement = await this.access.readable(scope, engagementId, manager);
      assertMayEditRollout(scope, engagement);
      if (inputs.length === 0)
        throw new ValidationException([
          {
            field: source === 'csv' ? 'file' : 'records',
            reason: 'must hold at least one endpoint',
          },
        ]);
      if (inputs.length > MAX_DEPLOYMENT_RECORDS)
        throw new ValidationException([
          { field: 'records', reason: `must hold at most ${MAX_DEPLOYMENT_RECORDS} endpoints` },
        ]);
      const { records, errors } = checkDeploymentRecords(inputs, field);
      if (errors.length > 0) throw new ValidationException(errors);
      if (records.some((r) => r.status === 'excused') && !isSecurityLead(scope, engagement)) {
        throw new ForbiddenException(
          "Only the customer's security lead excuses an endpoint from the deployment",
        );
      }
      return this.write(manager, scope, engagement, records, source, field);
    });
  }

  /** The same for a CSV of hostname,status,reason. */
  importCsv(scope: AccessScope, engagementId: string, text: string): Promise<DeploymentReport> {
    const { inputs, lines } = parseDeploymentCsv(text);
    return this.record(scope, engagementId, inputs, 'csv', csvLineField(lines));
  }

  /** Records one endpoint's deployment by its id (another engagement's endpoint: 404). */
  async recordOne(
    scope: AccessScope,
    engagementId: string,
    endpointId: string,
    input: { status: string; reason?: string | null },
  ): Promise<DeploymentRow> {
    const engagement = await this.access.readable(scope, engagementId);
    assertMayEditRollout(scope, engagement);
    const [endpoint]: { hostname: string }[] = await this.tx.manager.query(
      `SELECT hostname FROM endpoint WHERE engagement_id = $1 AND id = $2`,
      [engagementId, endpointId],
    );
    if (!endpoint) throw new NotFoundException('Endpoint');
    await this.record(
      scope,
      engagementId,
      [{ hostname: endpoint.hostname, ...input }],
      'api',
      (_i, name) => name,
    );
    const page = await this.list(
      scope,
      engagementId,
      { q: endpoint.hostname },
      { limit: 50, offset: 0 },
    );
    return page.items.find((row) => row.endpointId === endpointId) as DeploymentRow;
  }

  private async write(
    manager: EntityManager,
    scope: AccessScope,
    engagement: Engagement,
    records: DeploymentRecord[],
    source: DeploymentSource,
    field: (i: number, name: string) => string,
  ): Promise<DeploymentReport> {
    const found: { id: string; hostname: string; site: string; reason: SetApartReason | null }[] =
      await manager.query(
        `SELECT e.id, e.hostname, e.site, sa.reason FROM ${ENDPOINTS_WITH_SCOPE_SQL}
       WHERE e.engagement_id = $1 AND lower(e.hostname) = ANY($2::text[])`,
        [engagement.id, records.map((r) => r.hostname.toLowerCase())],
      );
    const byName = new Map(found.map((f) => [f.hostname.toLowerCase(), f]));
    const errors: FieldError[] = [];
    records.forEach((record, i) => {
      const endpoint = byName.get(record.hostname.toLowerCase());
      if (!endpoint)
        errors.push({
          field: field(i, 'hostname'),
          reason: `"${record.hostname}" is not an endpoint of this engagement`,
        });
      else if (endpoint.reason)
        errors.push({
          field: field(i, 'hostname'),
          reason: `"${endpoint.hostname}" is set apart from the roll-out (${endpoint.reason}): it gets no sensor`,
        });
    });
    if (errors.length > 0) throw new ValidationException(errors.slice(0, 100));
    const plan = await planOf(manager, engagement.id);
    const waveOf = new Map<string, number>();
    for (const site of plan.sites)
      for (const wave of site.waves)
        for (const hostname of wave.hostnames) waveOf.set(hostname.toLowerCase(), wave.number);
    const rows = records.map((r) => {
      const endpoint = byName.get(r.hostname.toLowerCase()) as {
        id: string;
        hostname: string;
        site: string;
      };
      return { ...r, endpoint, wave: waveOf.get(r.hostname.toLowerCase()) ?? null };
    });
    await manager.query(
      `INSERT INTO endpoint_deployment (engagement_id, endpoint_id, status, reason, site, wave, recorded_by, recorded_at)
       SELECT $1, u.endpoint_id, u.status, u.reason, u.site, u.wave, $7, $8
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[]) AS u(endpoint_id, status, reason, site, wave)
       ON CONFLICT (engagement_id, endpoint_id) DO UPDATE
       SET status = EXCLUDED.status, reason = EXCLUDED.reason, site = EXCLUDED.site, wave = EXCLUDED.wave,
           recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at`,
      [
        engagement.id,
        rows.map((r) => r.endpoint.id),
        rows.map((r) => r.status),
        rows.map((r) => r.reason),
        rows.map((r) => r.endpoint.site),
        rows.map((r) => r.wave),
        scope.userId,
        this.clock.now(),
      ],
    );
    const report: DeploymentReport = { recorded: rows.length, deployed: 0, failed: 0, excused: 0 };
    for (const r of rows) report[r.status] += 1;
    await this.audit.record(manager, scope.actor, {
      action: 'rollout.sensor_deployment_recorded',
      subjectType: 'engagement',
      subjectId: engagement.id,
      organisationId: engagement.customerOrganisationId,
      engagementId: engagement.id,
      changes: {
        source,
        ...report,
        records: rows.map((r) => ({
          hostname: r.endpoint.hostname,
          status: r.status,
          reason: r.reason,
          wave: r.wave,
        })),
      },
    });
    return report;
  }
}

/** Each in-scope endpoint's deployment state, by lower-cased hostname. */
async function inScopeStates(
  manager: EntityManager,
  engagementId: string,
): Promise<Map<string, DeploymentState>> {
  const rows: { hostname: string; status: DeploymentStatus | null }[] = await manager.query(
    `SELECT e.hostname, d.status FROM ${ENDPOINTS_WITH_SCOPE_SQL}
     LEFT JOIN endpoint_deployment d ON d.engagement_id = e.engagement_id AND d.endpoint_id = e.id
     WHERE e.engagement_id = $1 AND sa.reason IS NULL`,
    [engagementId],
  );
  return new Map(rows.map((r) => [r.hostname.toLowerCase(), r.status ?? 'pending']));
}

/** Counts per wave of the plan, and of the in-scope endpoints the plan has in no wave. */
function summarise(
  engagementId: string,
  plan: WavesPlan,
  states: Map<string, DeploymentState>,
): DeploymentSummary {
  const inScope = emptyCounts();
  for (const state of states.values()) count(inScope, state);
  const scheduled = new Set<string>();
  const waves: WaveDeployment[] = plan.sites.flatMap((site) =>
    site.waves.map((wave) => {
      const counts = emptyCounts();
      const hostnames = wave.hostnames.map((hostname) => {
        const state = states.get(hostname.toLowerCase()) ?? 'pending';
        scheduled.add(hostname.toLowerCase());
        count(counts, state);
        return { hostname, state };
      });
      return {
        site: site.site,
        wave: wave.number,
        groupName: wave.groupName,
        ...counts,
        hostnames,
      };
    }),
  );
  const unscheduled = emptyCounts();
  for (const [hostname, state] of states) if (!scheduled.has(hostname)) count(unscheduled, state);
  return { engagementId, inScope, waves, unscheduled, setApart: plan.setApart.length };
}
