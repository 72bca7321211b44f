import { Injectable } from '@nestjs/common';
import { EngagementView, Language } from '@app/identity';
import { Clock } from '@app/platform';
import {
  GroupsService,
  GroupSwitchState,
  ModeSwitchService,
  ModeSwitchView,
  TUNING_DECISIONS,
  TuningLogService,
} from '@app/rollout';
import { translate } from '../i18n/translate';
import { PortalViewer } from '../session/portal-viewer.service';
import { PlanningPageService } from '../planning/planning-page.service';
import { planningPath } from '../planning/planning-paths';
import { NamedFormProblem } from '../kit/form-problem';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Why a group may not switch to block mode yet, in the page's language, from the readiness the
 * service computed (its own sentences are in the requester's language).
 */
function readinessReasons(
  state: GroupSwitchState,
  periodDays: number,
  language: Language,
): string[] {
  const t = (key: string, params: Record<string, string | number> = {}) =>
    translate(language, `rolloutPlanning.switches.reason.${key}`, params);
  const reasons: string[] = [];
  if (state.mode !== 'detect') reasons.push(t('notDetect'));
  if (state.kind === 'evaluation') reasons.push(t('evaluation'));
  if (state.daysRemaining > 0)
    reasons.push(t('tuning', { days: state.daysRemaining, period: periodDays }));
  if (state.openEntries.length > 0) {
    reasons.push(
      t('openEntries', {
        count: state.openEntries.length,
        names: state.openEntries.map((e) => e.detectionName).join(', '),
      }),
    );
  }
  return reasons;
}

/** The data of the tuning log and mode switch pages. */
@Injectable()
export class PhasesPageService {
  constructor(
    private readonly pages: PlanningPageService,
    private readonly groups: GroupsService,
    private readonly log: TuningLogService,
    private readonly switches: ModeSwitchService,
    private readonly clock: Clock,
  ) {}

  async tuningLogPage(
    viewer: PortalViewer,
    engagement: EngagementView,
    problem: NamedFormProblem | null,
  ) {
    const overview = await this.groups.overview(viewer.scope, engagement.id);
    const entries = await this.log.list(viewer.scope, engagement.id);
    const path = planningPath(engagement.id, 'tuning-log');
    const typed = problem?.form === 'create' ? problem.values : {};
    return {
      ...this.pages.base(viewer, engagement, problem),
      groups: overview.groups.map((g) => {
        const mine = entries.filter((e) => e.groupId === g.id);
        return {
          id: g.id,
          name: g.name,
          mode: g.policy.mode,
          openCount: mine.filter((e) => e.status === 'open').length,
          entries: mine.map((e) => ({
            ...e,
            open: e.status === 'open',
            closeAction: `${path}/${e.id}/close`,
          })),
        };
      }),
      hasGroups: overview.groups.length > 0,
      groupOptions: overview.groups.map((g) => ({
        value: g.id,
        name: g.name,
        selected: typed.groupId === g.id,
      })),
      decisions: TUNING_DECISIONS.map((value) => ({ value, selected: typed.decision === value })),
      decisionValues: TUNING_DECISIONS,
      createAction: path,
    };
  }

  async modeSwitchPage(
    viewer: PortalViewer,
    engagement: EngagementView,
    language: Language,
    problem: NamedFormProblem | null,
  ) {
    const overview = await this.switches.overview(viewer.scope, engagement.id);
    const now = this.clock.now().getTime();
    const path = (groupId: string) => `${planningPath(engagement.id, 'mode-switches')}/${groupId}`;
    const pendingOf = new Map<string, ModeSwitchView>(
      overview.requests.filter((r) => r.status === 'requested').map((r) => [r.groupId, r]),
    );
    return {
      ...this.pages.base(viewer, engagement, problem),
      period: overview.tuningPeriod,
      periodFromAgreement: overview.tuningPeriod.source === 'agreement',
      groups: overview.groups.map((g) => {
        const pending = pendingOf.get(g.groupId) ?? null;
        const reasons = readinessReasons(g, overview.tuningPeriod.days, language);
        return {
          ...g,
          detect: g.mode === 'detect',
          daysInMode: Math.max(0, Math.floor((now - Date.parse(g.modeSince)) / DAY_MS)),
          reasons,
          pending,
          requestAction: `${path(g.groupId)}/request`,
          approveAction: pending ? `${path(g.groupId)}/${pending.id}/approve` : null,
          rejectAction: pending ? `${path(g.groupId)}/${pending.id}/reject` : null,
          mayRequest: g.mode === 'detect' && g.kind !== 'evaluation' && pending === null,
          refused: problem !== null && problem.form === g.groupId,
        };
      }),
      history: overview.requests.filter((r) => r.status !== 'requested'),
    };
  }
}
