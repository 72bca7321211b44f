import { EntityManager } from 'typeorm';
import { CURRENT_DECISION_SQL } from '../inventory/endpoint-query.service';

/** Why an endpoint gets no sensor: an approved `exclude` decision, or a sensor that cannot run on it. */
export const SET_APART_REASONS = ['excluded', 'unsupported', 'eol'] as const;
export type SetApartReason = (typeof SET_APART_REASONS)[number];

/**
 * SQL over an endpoint `e` and the decision it follows `cur` (CURRENT_DECISION_SQL): why it is
 * set apart from the roll-out, or NULL when it will get the sensor. An approved exclusion sets it
 * apart; so does an unsupported or out-of-support OS, unless an approved decision upgrades it or
 * accepts the risk. Endpoints whose support ends soon, or not yet classified, stay in.
 */
const SET_APART_SQL = `CASE
    WHEN cur.kind = 'exclude' AND cur.status = 'approved' THEN 'excluded'
    WHEN e.support_status IN ('unsupported', 'eol')
      AND NOT coalesce(cur.status = 'approved' AND cur.kind IN ('upgrade', 'accept_risk'), false) THEN e.support_status
  END`;

/** The FROM of a query over an engagement's endpoints ($1) with `sa.reason`: SET_APART_SQL. */
export const ENDPOINTS_WITH_SCOPE_SQL = `
  endpoint e ${CURRENT_DECISION_SQL}
  CROSS JOIN LATERAL (SELECT (${SET_APART_SQL})::text AS reason) sa`;

export interface SetApartEndpoint {
  endpointId: string;
  hostname: string;
  site: string;
  reason: SetApartReason;
  /** The exclusion's note, or the classification's reason (English, as the inventory gives it). */
  detail: string | null;
  decisionId: string | null;
}

/** The engagement's endpoints that will not get the sensor, with why, in hostname order. */
export async function setApartEndpoints(
  manager: EntityManager,
  engagementId: string,
): Promise<SetApartEndpoint[]> {
  const rows: {
    id: string;
    hostname: string;
    site: string;
    reason: SetApartReason;
    support_reason: string | null;
    decision_id: string | null;
    note: string | null;
  }[] = await manager.query(
    `SELECT e.id, e.hostname, e.site, sa.reason, e.support_reason, cur.id AS decision_id, d.note
       FROM ${ENDPOINTS_WITH_SCOPE_SQL}
       LEFT JOIN endpoint_decision d ON d.id = cur.id
       WHERE e.engagement_id = $1 AND sa.reason IS NOT NULL
       ORDER BY lower(e.hostname)`,
    [engagementId],
  );
  return rows.map((r) => ({
    endpointId: r.id,
    hostname: r.hostname,
    site: r.site,
    reason: r.reason,
    detail: (r.reason === 'excluded' ? r.note : r.support_reason) || null,
    decisionId: r.decision_id,
  }));
}
