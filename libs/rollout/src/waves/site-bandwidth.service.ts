import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope } from '@app/identity';
import { Clock, NotFoundException, TransactionRunner } from '@app/platform';
import { PlanSnapshots } from '@app/workflow';
import { PlanningAccess } from '../planning/planning-access';
import { AFFECTS } from '../snapshots/snapshot-subjects';
import { SiteBandwidth } from './site-bandwidth.entity';
import { SiteFigures } from './wave-calculator';
import { figuresOf, sitesOf, SiteView } from './sites';

/** The sites of the inventory and their network figures (bandwidth survey). */
@Injectable()
export class SiteBandwidthService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: PlanningAccess,
    private readonly audit: AuditService,
    private readonly snapshots: PlanSnapshots,
    private readonly clock: Clock,
  ) {}

  async list(scope: AccessScope, engagementId: string): Promise<SiteView[]> {
    await this.access.readable(scope, engagementId);
    return sitesOf(this.tx.manager, engagementId);
  }

  /** Sets a site's figures; the site must be one of the inventory's (case-insensitively). */
  put(
    scope: AccessScope,
    engagementId: string,
    site: string,
    figures: SiteFigures,
  ): Promise<SiteView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.access.siteSurveyor(scope, engagementId, manager);
      const known = (await sitesOf(manager, engagementId)).find(
        (s) => s.site.toLowerCase() === site.trim().toLowerCase(),
      );
      if (!known) throw new NotFoundException('Site');
      const repository = manager.getRepository(SiteBandwidth);
      const before = await repository.findOne({ where: { engagementId, site: known.site } });
      await repository.save(
        repository.create({
          engagementId,
          site: known.site,
          ...figures,
          updatedBy: scope.userId,
          updatedAt: this.clock.now(),
        }),
      );
      await this.snapshots.changed(manager, scope.actor, engagementId, AFFECTS.sites);
      await this.audit.record(manager, scope.actor, {
        action: 'rollout.site_bandwidth_set',
        subjectType: 'site_bandwidth',
        subjectId: known.site,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: { before: before ? figuresOf(before) : null, after: figures },
      });
      return (await sitesOf(manager, engagementId)).find((s) => s.site === known.site) as SiteView;
    });
  }
}
