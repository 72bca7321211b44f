import { Injectable } from '@nestjs/common';
import { can, EngagementView, Language } from '@app/identity';
import {
  GROUP_KINDS,
  GroupsService,
  DeploymentCounts,
  POLICY_MODES,
  PlanningCheckResults,
  SensorDeploymentService,
  SiteBandwidthService,
  UPDATE_MODES,
  WavesService,
  WaveWarning,
} from '@app/rollout';
import { translate } from '../i18n/translate';
import { reasonText } from '../inventory/reason-words';
import { PortalViewer } from '../session/portal-viewer.service';
import { planningLinks, planningPath } from './planning-paths';
import { NamedFormProblem } from '../kit/form-problem';
import { ruleFields, ruleSummary } from './rule-summary';

const options = (all: readonly string[], selected: string) =>
  all.map((value) => ({ value, selected: value === selected }));

/** The data of the groups and waves pages, read through the viewer's scope. */
@Injectable()
export class PlanningPageService {
  constructor(
    private readonly groups: GroupsService,
    private readonly sites: SiteBandwidthService,
    private readonly waves: WavesService,
    private readonly checks: PlanningCheckResults,
    private readonly deployments: SensorDeploymentService,
  ) {}

  /** The provider lead or an analyst of the engagement's provider: they design the plan. */
  designs(viewer: PortalViewer, engagement: EngagementView): boolean {
    return can(viewer.scope, 'rollout.plan.design', engagement);
  }

  /** The customer's security lead: they decide mode switches. */
  decides(viewer: PortalViewer, engagement: EngagementView): boolean {
    return can(viewer.scope, 'rollout.mode_switch.decide', engagement);
  }

  base(viewer: PortalViewer, engagement: EngagementView, problem: NamedFormProblem | null) {
    return {
      engagementId: engagement.id,
      engagementName: engagement.name,
      customerName: engagement.customerName,
      links: planningLinks(engagement.id),
      canDesign: this.designs(viewer, engagement),
      canDecide: this.decides(viewer, engagement),
      problem,
    };
  }

  async groupsPage(
    viewer: PortalViewer,
    engagement: EngagementView,
    language: Language,
    problem: NamedFormProblem | null,
  ) {
    const t = (key: string, params?: Record<string, string | number>) =>
      translate(language, key, params);
    const overview = await this.groups.overview(viewer.scope, engagement.id);
    const checks = await this.checks.of(viewer.scope, engagement.id, language);
    const path = planningPath(engagement.id, 'groups');
    const createValues = problem?.form === 'create' ? problem.values : {};
    return {
      ...this.base(viewer, engagement, problem),
      groups: overview.groups.map((g) => ({
        ...g,
        ruleText: g.rule ? ruleSummary(g.rule, t) : null,
        explicit: g.definition === 'explicit',
        hostnamesText: g.listedHostnames.join('\n'),
        fields: ruleFields(g.rule),
        kinds: options(GROUP_KINDS, g.kind),
        modes: options(POLICY_MODES, g.policy.mode),
        updateModes: options(UPDATE_MODES, g.policy.updates),
        quarantineWord: g.policy.quarantine ? 'on' : 'off',
        editPrefix: `edit-${g.id}`,
        policyPrefix: `policy-${g.id}`,
        editAction: `${path}/${g.id}`,
        policyAction: `${path}/${g.id}/policy`,
      })),
      coverage: {
        ...overview.coverage,
        complete:
          overview.coverage.unassigned.length === 0 && overview.coverage.inSeveral.length === 0,
      },
      checks: checks.map(({ key, failures }) => ({ key, passed: failures.length === 0, failures })),
      create: {
        values: createValues,
        kinds: options(GROUP_KINDS, createValues.kind ?? 'production'),
        modes: options(POLICY_MODES, createValues.mode ?? 'detect'),
        updateModes: options(UPDATE_MODES, createValues.updates ?? 'manual'),
        explicit: createValues.definition === 'explicit',
        quarantine: createValues.quarantine === 'on',
        max: createValues.maxConcurrentUpdates ?? '10',
        fields: {
          ...ruleFields(null),
          ...createValues,
          typeClient: createValues.typeClient === 'on',
          typeServer: createValues.typeServer === 'on',
          osWindows: createValues.osWindows === 'on',
          osLinux: createValues.osLinux === 'on',
          osMacos: createValues.osMacos === 'on',
        },
      },
      createAction: path,
    };
  }

  async wavesPage(
    viewer: PortalViewer,
    engagement: EngagementView,
    language: Language,
    problem: NamedFormProblem | null,
  ) {
    const plan = await this.waves.plan(viewer.scope, engagement.id);
    const deployment = await this.deployments.summary(viewer.scope, engagement.id);
    const rights = this.deployments.rightsOf(viewer.scope, engagement);
    const path = planningPath(engagement.id, 'waves');
    const progressOf = (site: string, wave: number) =>
      deployment.waves.find((w) => w.site === site && w.wave === wave);
    return {
      ...this.base(viewer, engagement, problem),
      sites: plan.sites.map((site) => {
        const typed = problem?.form === `site:${site.site}` ? problem.values : null;
        return {
          ...site,
          values: typed ?? site.figures ?? {},
          action: `${path}/sites`,
          waveCount: site.waves.length,
          waves: site.waves.map((w) => {
            const progress = progressOf(site.site, w.number);
            const form = `deployment:${site.site}:${w.number}`;
            const open =
              progress?.hostnames
                .filter((h) => h.state === 'pending' || h.state === 'failed')
                .map((h) => h.hostname) ?? [];
            return {
              ...w,
              size: w.hostnames.length,
              hostnamesText: w.hostnames.join(', '),
              deployment: progress ? waveDeploymentText(progress, language) : '',
              record: {
                form,
                prefix: `deploy-${site.site.replace(/[^A-Za-z0-9]/g, '_')}-${w.number}`,
                hostnames:
                  problem?.form === form ? (problem.values.hostnames ?? '') : open.join('\n'),
                complete: open.length === 0,
              },
            };
          }),
        };
      }),
      totalMinutes: plan.totalMinutes,
      warnings: plan.warnings.map((w) => warningText(w, language)),
      csv: `${path}.csv`,
      setApart: plan.setApart.map((e) => ({
        hostname: e.hostname,
        site: e.site,
        reason: translate(language, `sensorDeployment.setApart.reason.${e.reason}`),
        detail:
          e.detail === null
            ? ''
            : e.reason === 'excluded'
              ? e.detail
              : reasonText(language, e.detail),
      })),
      deployment: {
        summary: deploymentText(deployment.inScope, language),
        unscheduled:
          deployment.unscheduled.endpoints > 0
            ? translate(language, 'sensorDeployment.unscheduled', { ...deployment.unscheduled })
            : null,
        canRecord: rights.record,
        canExcuse: rights.excuse,
        statuses: (rights.excuse ? ['deployed', 'failed', 'excused'] : ['deployed', 'failed']).map(
          (value) => ({ value, label: translate(language, `sensorDeployment.status.${value}`) }),
        ),
        recordAction: `${path}/deployment`,
        importAction: `${path}/deployment/import`,
      },
    };
  }
}

/** "3 of 5 deployed · 1 excused · 1 failed · 0 not recorded" in the page's language. */
function deploymentText(counts: DeploymentCounts, language: Language): string {
  return translate(language, 'sensorDeployment.counts', { ...counts });
}

/** One wave's "2 of 4 deployed · 1 excused · 0 failed". */
function waveDeploymentText(
  { endpoints, deployed, excused, failed }: DeploymentCounts,
  language: Language,
): string {
  return translate(language, 'sensorDeployment.waveCounts', {
    endpoints,
    deployed,
    excused,
    failed,
  });
}

/** A waves warning in the page's language (the service's `message` is English). */
function warningText(warning: WaveWarning, language: Language): string {
  const { code, message: _english, ...params } = warning;
  return translate(
    language,
    `rolloutPlanning.waves.warning.${code}`,
    params as Record<string, string | number>,
  );
}
