import { Injectable } from '@nestjs/common';
import { AccessScope } from '@app/identity';
import { TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { SetApartEndpoint, setApartEndpoints } from '../deployment/sensor-scope';
import { loadPlanningData, PlanningData } from '../planning/planning-data';
import { PlanningAccess } from '../planning/planning-access';
import { sitesOf, SiteView } from './sites';
import { SitePlanView, WavesPlan, WaveWarning } from './waves-plan';
import { planSiteWaves, WaveMember } from './wave-calculator';
import { wavesCsv } from './waves-csv';

const minutes = (seconds: number): number => Math.round((seconds / 60) * 10) / 10;

/**
 * Update waves per site, computed from the groups, policies and site figures as they are now,
 * with the check that every policy's max concurrent updates fits each of its group's sites.
 * The template's `update_waves_plan` is a task, not an automatic check, so the check is a list
 * of warnings here and on the page rather than a gate reason. Endpoints that will not get the
 * sensor are in no wave: they are listed apart with their reason.
 */
@Injectable()
export class WavesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: PlanningAccess,
  ) {}

  async plan(scope: AccessScope, engagementId: string): Promise<WavesPlan> {
    await this.access.readable(scope, engagementId);
    return planOf(this.tx.manager, engagementId);
  }

  async csv(scope: AccessScope, engagementId: string): Promise<string> {
    return wavesCsv(await this.plan(scope, engagementId));
  }
}

/** The waves as they are now, read on the caller's manager (no scope: callers checked access). */
export async function planOf(manager: EntityManager, engagementId: string): Promise<WavesPlan> {
  const data = await loadPlanningData(manager, engagementId);
  const sites = await sitesOf(manager, engagementId);
  return buildPlan(engagementId, data, sites, await setApartEndpoints(manager, engagementId));
}

/** Only endpoints that will get the sensor are scheduled; the ones set apart are listed with why. */
export function buildPlan(
  engagementId: string,
  data: PlanningData,
  sites: SiteView[],
  setApart: SetApartEndpoint[] = [],
): WavesPlan {
  const warnings: WaveWarning[] = [];
  const apart = new Set(setApart.map((e) => e.endpointId));
  const members: WaveMember[] = data.groups.flatMap(({ group, policy, resolved }) =>
    resolved
      .filter((e) => !apart.has(e.id))
      .map((e) => ({
        endpointId: e.id,
        hostname: e.hostname,
        type: e.type,
        site: e.site,
        groupId: group.id,
        groupName: group.name,
        groupKind: group.kind,
        groupPriority: group.priority,
        maxConcurrentUpdates: policy.maxConcurrentUpdates,
      })),
  );
  const planned = sites.map((site): SitePlanView => {
    if (!site.figures || !site.capacity) {
      if (site.endpoints > 0)
        warnings.push({
          code: 'site_without_figures',
          site: site.site,
          message: `Site ${site.site} has no bandwidth figures`,
        });
      return { ...site, waves: [], totalMinutes: 0 };
    }
    const siteMax = site.capacity.maxConcurrentDownloads;
    const here = members.filter((m) => m.site === site.site);
    if (siteMax < 1 && here.length > 0)
      warnings.push({
        code: 'site_without_budget',
        site: site.site,
        message: `Site ${site.site} leaves no bandwidth for even one download`,
      });
    for (const g of data.groups) {
      const policyMax = g.policy.maxConcurrentUpdates;
      if (siteMax >= 1 && policyMax > siteMax && here.some((m) => m.groupId === g.group.id)) {
        warnings.push({
          code: 'policy_exceeds_site',
          group: g.group.name,
          site: site.site,
          policyMax,
          siteMax,
          message: `The policy of group ${g.group.name} allows ${policyMax} concurrent updates, but site ${site.site} allows only ${siteMax} concurrent downloads`,
        });
      }
    }
    const plan = planSiteWaves(site.figures, here);
    return {
      ...site,
      waves: plan.waves.map((w) => ({
        number: w.number,
        groupId: w.groupId,
        groupName: w.groupName,
        hostnames: w.hostnames,
        minutes: minutes(w.seconds),
      })),
      totalMinutes: minutes(plan.totalSeconds),
    };
  });
  const ungrouped = [
    ...data.resolution.unassigned,
    ...data.resolution.inSeveral.map((s) => s.endpoint),
  ].filter((e) => !apart.has(e.id)).length;
  if (ungrouped > 0)
    warnings.push({
      code: 'endpoints_without_group',
      count: ungrouped,
      message: `${ungrouped} endpoint(s) resolve into no single group and are in no wave`,
    });
  return {
    engagementId,
    sites: planned,
    totalMinutes: minutes(planned.reduce((sum, s) => sum + s.totalMinutes * 60, 0)),
    warnings,
    setApart,
  };
}
