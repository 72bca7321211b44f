import { Injectable } from '@nestjs/common';
import { AccessScope, EngagementService, Page, Paging } from '@app/identity';
import { TransactionRunner } from '@app/platform';
import {
  EndpointType,
  OS_FAMILIES,
  OsFamily,
  SUPPORT_STATUSES,
  SupportStatus,
} from './endpoint.entity';

export interface EndpointFilters {
  site?: string;
  country?: string;
  type?: EndpointType;
  osFamily?: OsFamily;
  supportStatus?: SupportStatus;
  /** Any of these statuses (e.g. the ones that need a decision). */
  supportStatuses?: readonly SupportStatus[];
  /** Hostname prefix, case-insensitive. */
  q?: string;
}

export interface EndpointView {
  id: string;
  hostname: string;
  type: EndpointType;
  osFamily: OsFamily;
  osVersion: string;
  kernel: string | null;
  site: string;
  country: string;
  existingProduct: string | null;
  tags: string[];
  supportStatus: SupportStatus | null;
  supportReason: string | null;
  /** The newest decision covering it that is not rejected. */
  decision: { id: string; kind: string; status: string; upgradeBy: string | null } | null;
}

export type StatusCounts = Record<SupportStatus | 'unclassified', number>;

export interface InventorySummary {
  total: number;
  byFamily: ({ osFamily: OsFamily } & StatusCounts)[];
  sites: string[];
  countries: string[];
}

/** SQL for the decision an endpoint `e` follows: the newest one covering it, not rejected. */
export const CURRENT_DECISION_SQL = `
  LEFT JOIN LATERAL (
    SELECT d.id, d.kind, d.status, to_char(d.upgrade_by, 'YYYY-MM-DD') AS upgrade_by
    FROM endpoint_decision_endpoint de JOIN endpoint_decision d ON d.id = de.decision_id
    WHERE de.endpoint_id = e.id AND d.status <> 'rejected'
    ORDER BY d.created_at DESC, d.id DESC LIMIT 1
  ) cur ON TRUE`;

/**
 * Hostname order (byte order of the lower-cased name, which is all ASCII): `~<~` is the order of
 * the unique hostname index (text_pattern_ops), so a page is read off the index, not sorted.
 */
const HOSTNAME_ORDER = 'lower(e.hostname) USING ~<~';

/** Builds the WHERE of an endpoint filter over alias `e`, parameters from $2 on ($1 is the engagement). */
export function endpointWhere(filters: EndpointFilters, params: unknown[]): string {
  const parts = ['e.engagement_id = $1'];
  const add = (sql: string, value: unknown): void => {
    params.push(value);
    parts.push(sql.replace('?', `$${params.length}`));
  };
  if (filters.site) add('e.site = ?', filters.site);
  if (filters.country) add('e.country = ?', filters.country.toUpperCase());
  if (filters.type) add('e.type = ?', filters.type);
  if (filters.osFamily) add('e.os_family = ?', filters.osFamily);
  if (filters.supportStatus) add('e.support_status = ?', filters.supportStatus);
  if (filters.supportStatuses) add('e.support_status = ANY(?)', [...filters.supportStatuses]);
  if (filters.q)
    add(
      `lower(e.hostname) LIKE ? || '%'`,
      filters.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`),
    );
  return parts.join(' AND ');
}

/** Reads an engagement's inventory for whoever sees the engagement (404 otherwise). */
@Injectable()
export class EndpointQueryService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly engagements: EngagementService,
  ) {}

  async list(
    scope: AccessScope,
    engagementId: string,
    filters: EndpointFilters,
    paging: Paging,
  ): Promise<Page<EndpointView>> {
    await this.engagements.get(scope, engagementId);
    const params: unknown[] = [engagementId];
    const where = endpointWhere(filters, params);
    const [{ total }] = await this.tx.manager.query(
      `SELECT count(*)::int AS total FROM endpoint e WHERE ${where}`,
      params,
    );
    const rows: RawEndpoint[] = await this.tx.manager.query(
      `SELECT e.*, cur.id AS decision_id, cur.kind AS decision_kind, cur.status AS decision_status, cur.upgrade_by AS decision_upgrade_by
       FROM endpoint e ${CURRENT_DECISION_SQL}
       WHERE ${where} ORDER BY ${HOSTNAME_ORDER} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, paging.limit, paging.offset],
    );
    return { items: rows.map(toView), total, ...paging };
  }

  async summary(scope: AccessScope, engagementId: string): Promise<InventorySummary> {
    await this.engagements.get(scope, engagementId);
    const m = this.tx.manager;
    const counts: { os_family: OsFamily; support_status: SupportStatus | null; n: number }[] =
      await m.query(
        `SELECT os_family, support_status, count(*)::int AS n FROM endpoint WHERE engagement_id = $1 GROUP BY 1, 2`,
        [engagementId],
      );
    const byFamily = OS_FAMILIES.map((osFamily) => {
      const row = {
        osFamily,
        unclassified: 0,
        ...Object.fromEntries(SUPPORT_STATUSES.map((s) => [s, 0])),
      } as { osFamily: OsFamily } & StatusCounts;
      for (const c of counts.filter((x) => x.os_family === osFamily))
        row[c.support_status ?? 'unclassified'] += c.n;
      return row;
    });
    const sites: { site: string }[] = await m.query(
      `SELECT DISTINCT site FROM endpoint WHERE engagement_id = $1 ORDER BY site LIMIT 500`,
      [engagementId],
    );
    const countries: { country: string }[] = await m.query(
      `SELECT DISTINCT country FROM endpoint WHERE engagement_id = $1 ORDER BY country`,
      [engagementId],
    );
    return {
      total: counts.reduce((sum, c) => sum + c.n, 0),
      byFamily,
      sites: sites.map((s) => s.site),
      countries: countries.map((c) => c.country),
    };
  }
}

interface RawEndpoint {
  id: string;
  hostname: string;
  type: EndpointType;
  os_family: OsFamily;
  os_version: string;
  kernel: string | null;
  site: string;
  country: string;
  existing_product: string | null;
  tags: string[];
  support_status: SupportStatus | null;
  support_reason: string | null;
  decision_id: string | null;
  decision_kind: string | null;
  decision_status: string | null;
  decision_upgrade_by: string | null;
}

function toView(r: RawEndpoint): EndpointView {
  return {
    id: r.id,
    hostname: r.hostname,
    type: r.type,
    osFamily: r.os_family,
    osVersion: r.os_version,
    kernel: r.kernel,
    site: r.site,
    country: r.country,
    existingProduct: r.existing_product,
    tags: r.tags,
    supportStatus: r.support_status,
    supportReason: r.support_reason,
    decision: r.decision_id
      ? {
          id: r.decision_id,
          kind: r.decision_kind as string,
          status: r.decision_status as string,
          upgradeBy: r.decision_upgrade_by,
        }
      : null,
  };
}
