export const PLANNING_PAGES = ['groups', 'waves', 'tuning-log', 'mode-switches'] as const;
export type PlanningPage = (typeof PLANNING_PAGES)[number];

export function planningPath(engagementId: string, page: PlanningPage): string {
  return `/engagements/${engagementId}/${page}`;
}

export function planningLinks(engagementId: string) {
  return {
    groups: planningPath(engagementId, 'groups'),
    waves: planningPath(engagementId, 'waves'),
    tuningLog: planningPath(engagementId, 'tuning-log'),
    modeSwitches: planningPath(engagementId, 'mode-switches'),
  };
}

/** The step cards of roll-out planning and the page each is worked on. */
const STEP_PAGE: Record<string, PlanningPage> = {
  group_policy_design: 'groups',
  group_coverage_check: 'groups',
  server_detect_mode_check: 'groups',
  av_quarantine_conflict_check: 'groups',
  update_waves_plan: 'waves',
  update_policy: 'waves',
  tuning_period_completed: 'tuning-log',
  switch_to_block_mode: 'mode-switches',
};

export function planningStepLink(
  engagementId: string,
  stepKey: string,
): { href: string; labelKey: string } | null {
  const page = STEP_PAGE[stepKey];
  return page
    ? { href: planningPath(engagementId, page), labelKey: `rolloutPlanning.stepLink.${page}` }
    : null;
}
