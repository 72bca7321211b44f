import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, Actor, Engagement, EngagementService } from '@app/identity';
import { APP_CONFIG, AppConfig, Clock, TransactionRunner } from '@app/platform';
import { ExternalStepEvents } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { AFFECTS } from '../snapshots/snapshot-subjects';
import { EndpointType, OsFamily } from '../inventory/endpoint.entity';
import { assertMayEditRollout, isoDay } from '../inventory/inventory-access';
import { lockInventory } from '../inventory/inventory-lock';
import { classifyEndpoint } from './classify-endpoint';
import { supportMatrixFor } from './matrices';

export interface ClassifyReport {
  engagementId: string;
  /** The day the endpoints were classified against. */
  asOf: string;
  endpoints: number;
  changed: number;
}

/**
 * Re-runs classification over an engagement's inventory (a new day, a new matrix): the
 * classification depends only on type, family, version and kernel, so each distinct
 * combination is classified once and written with one UPDATE.
 */
@Injectable()
export class EndpointClassificationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly engagements: EngagementService,
    private readonly steps: ExternalStepEvents,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async reclassify(scope: AccessScope, engagementId: string): Promise<ClassifyReport> {
    const engagement = await this.engagements.get(scope, engagementId);
    assertMayEditRollout(scope, engagement);
    return this.tx.run((manager) => this.reclassifyIn(manager, scope.actor, engagement, true));
  }

  /**
   * Classifies the engagement's inventory as of the business clock's day and re-runs its
   * automatic checks, in the caller's transaction. Audited when asked for, or when anything changed
   * (the daily refresh changes nothing most days and records nothing then).
   */
  async reclassifyIn(
    manager: EntityManager,
    actor: Actor,
    engagement: Engagement,
    alwaysAudit: boolean,
  ): Promise<ClassifyReport> {
    const engagementId = engagement.id;
    const matrix = supportMatrixFor(engagement.edrProduct);
    const asOf = isoDay(this.clock.now());
    await lockInventory(manager, engagementId);
    const combos: {
      type: EndpointType;
      os_family: OsFamily;
      os_version: string;
      kernel: string | null;
    }[] = await manager.query(
      `SELECT DISTINCT type, os_family, os_version, kernel FROM endpoint WHERE engagement_id = $1`,
      [engagementId],
    );
    const results = combos.map((c) =>
      classifyEndpoint(
        matrix,
        { type: c.type, osFamily: c.os_family, osVersion: c.os_version, kernel: c.kernel },
        asOf,
        this.config.eolSoonDays,
      ),
    );
    const [, changed] = (await manager.query(
      `UPDATE endpoint e SET support_status = c.status, support_reason = c.reason, updated_at = $8
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS c(type, os_family, os_version, kernel, status, reason)
       WHERE e.engagement_id = $1 AND e.type = c.type AND e.os_family = c.os_family AND e.os_version = c.os_version
         AND e.kernel IS NOT DISTINCT FROM c.kernel
         AND (e.support_status IS DISTINCT FROM c.status OR e.support_reason IS DISTINCT FROM c.reason)`,
      [
        engagementId,
        combos.map((c) => c.type),
        combos.map((c) => c.os_family),
        combos.map((c) => c.os_version),
        combos.map((c) => c.kernel),
        results.map((r) => r.status),
        results.map((r) => r.reason),
        this.clock.now(),
      ],
    )) as [unknown, number];
    const [{ n }] = await manager.query(
      `SELECT count(*)::int AS n FROM endpoint WHERE engagement_id = $1`,
      [engagementId],
    );
    await this.steps.configurationChanged(manager, actor, engagementId, AFFECTS.inventory);
    if (alwaysAudit || changed > 0) {
      await this.audit.record(manager, actor, {
        action: 'endpoint.reclassified',
        subjectType: 'engagement',
        subjectId: engagementId,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: { asOf, matrix: matrix.product, endpoints: n, changed },
      });
    }
    return { engagementId, asOf, endpoints: n, changed };
  }
}
