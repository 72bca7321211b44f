import type { PlanningData } from '../planning/planning-data';

/**
 * What the designed policies add to the block list: where the EDR's own detections would be
 * blocked (block mode) rather than only reported (detect mode). Indicators a static list cannot
 * hold (process names, command lines) are stopped only by the EDR acting in block mode.
 */
export interface PolicyCoverage {
  endpoints: number;
  endpointsInBlockMode: number;
  groups: { name: string; mode: 'detect' | 'block'; endpoints: number }[];
  /** `everywhere`: every endpoint blocks; `partly`: some do; `detect_only`: none do (or no groups yet). */
  blocking: 'everywhere' | 'partly' | 'detect_only';
}

export function policyCoverage(data: PlanningData): PolicyCoverage {
  const groups = data.groups.map((g) => ({
    name: g.group.name,
    mode: g.policy.mode,
    endpoints: g.resolved.length,
  }));
  const endpointsInBlockMode = groups
    .filter((g) => g.mode === 'block')
    .reduce((n, g) => n + g.endpoints, 0);
  const endpoints = data.endpoints.length;
  const blocking =
    endpoints > 0 && endpointsInBlockMode === endpoints
      ? 'everywhere'
      : endpointsInBlockMode > 0
        ? 'partly'
        : 'detect_only';
  return { endpoints, endpointsInBlockMode, groups, blocking };
}
