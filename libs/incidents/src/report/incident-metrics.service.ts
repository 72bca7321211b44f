import { Injectable } from '@nestjs/common';
import { SEVERITIES } from '@app/agreements';
import { AccessScope } from '@app/identity';
import { TransactionRunner } from '@app/platform';
import { IncidentAccess } from '../services/incident-access';

interface MetricsRow {
  total: number;
  mtta_seconds: string | null;
  mttr_seconds: string | null;
  ack_decided: number;
  ack_met: number;
  respond_decided: number;
  respond_met: number;
  critical: number;
  high: number;
  medium: number;
  low: number;
}

const percent = (met: number, decided: number): number | null =>
  decided === 0 ? null : Math.round((met / decided) * 1000) / 10;
const seconds = (value: string | null): number | null =>
  value === null ? null : Math.round(Number(value));

/**
 * An engagement's incident figures, computed by PostgreSQL in one pass: mean time to acknowledge
 * and to resolve (from the SLA start), and SLA compliance per timer and overall. A timer counts
 * once it is decided: stopped, or breached; it is met when stopped without a breach.
 */
/** MTTA, MTTR and SLA compliance of an engagement's incidents; null where nothing is decided yet. */
export interface IncidentMetrics {
  engagementId: string;
  incidents: number;
  meanTimeToAcknowledgeSeconds: ReturnType<typeof seconds>;
  meanTimeToResolveSeconds: ReturnType<typeof seconds>;
  slaCompliancePercent: {
    acknowledge: ReturnType<typeof percent>;
    respond: ReturnType<typeof percent>;
    overall: ReturnType<typeof percent>;
  };
  bySeverity: Record<string, number>;
}

@Injectable()
export class IncidentMetricsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: IncidentAccess,
  ) {}

  async metrics(scope: AccessScope, engagementId: string): Promise<IncidentMetrics> {
    await this.access.readable(scope, engagementId);
    return this.compute(engagementId);
  }

  private async compute(engagementId: string): Promise<IncidentMetrics> {
    const rows: MetricsRow[] = await this.tx.manager.query(
      `WITH i AS (
         SELECT i.*,
                EXISTS (SELECT 1 FROM incident_sla_breach b WHERE b.incident_id = i.id AND b.timer = 'acknowledge') AS ack_breached,
                EXISTS (SELECT 1 FROM incident_sla_breach b WHERE b.incident_id = i.id AND b.timer = 'respond') AS respond_breached
           FROM incident i
          WHERE i.engagement_id = $1)
       SELECT count(*)::int AS total,
              avg(extract(epoch FROM acknowledged_at - started_at)) AS mtta_seconds,
              avg(extract(epoch FROM resolved_at - started_at)) AS mttr_seconds,
              (count(*) FILTER (WHERE acknowledged_at IS NOT NULL OR ack_breached))::int AS ack_decided,
              (count(*) FILTER (WHERE acknowledged_at IS NOT NULL AND NOT ack_breached))::int AS ack_met,
              (count(*) FILTER (WHERE responded_at IS NOT NULL OR respond_breached))::int AS respond_decided,
              (count(*) FILTER (WHERE responded_at IS NOT NULL AND NOT respond_breached))::int AS respond_met,
              ${SEVERITIES.map((s) => `(count(*) FILTER (WHERE severity = '${s}'))::int AS ${s}`).join(',\n              ')}
         FROM i`,
      [engagementId],
    );
    const r = rows[0];
    return {
      engagementId,
      incidents: r.total,
      meanTimeToAcknowledgeSeconds: seconds(r.mtta_seconds),
      meanTimeToResolveSeconds: seconds(r.mttr_seconds),
      slaCompliancePercent: {
        acknowledge: percent(r.ack_met, r.ack_decided),
        respond: percent(r.respond_met, r.respond_decided),
        overall: percent(r.ack_met + r.respond_met, r.ack_decided + r.respond_decided),
      },
      bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, r[s]])),
    };
  }
}
