import type { PlanningData, PlannedGroup } from '../planning/planning-data';
import type { GroupKind } from './endpoint-group.entity';
import type { GroupRule } from './group-rule';
import type { GroupPolicy, ModeSource, PolicyMode, UpdateMode } from './group-policy.entity';

export interface PolicyView {
  mode: PolicyMode;
  modeSince: string;
  modeSource: ModeSource;
  quarantine: boolean;
  updates: UpdateMode;
  maxConcurrentUpdates: number;
  updatedAt: string;
}

export interface GroupView {
  id: string;
  name: string;
  kind: GroupKind;
  priority: number;
  definition: 'rule' | 'explicit';
  rule: GroupRule | null;
  /** The explicit list's hostnames (empty for a rule group). */
  listedHostnames: string[];
  /** How many endpoints resolve into the group, and how many of them are servers. */
  memberCount: number;
  serverCount: number;
  sites: string[];
  policy: PolicyView;
}

export interface CoverageView {
  endpoints: number;
  assigned: number;
  unassigned: string[];
  inSeveral: { hostname: string; groups: string[] }[];
}

export interface GroupsOverview {
  engagementId: string;
  groups: GroupView[];
  coverage: CoverageView;
}

function policyView(p: GroupPolicy): PolicyView {
  return {
    mode: p.mode,
    modeSince: p.modeSince.toISOString(),
    modeSource: p.modeSource,
    quarantine: p.quarantine,
    updates: p.updates,
    maxConcurrentUpdates: p.maxConcurrentUpdates,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function groupView(data: PlanningData, planned: PlannedGroup): GroupView {
  const { group, policy, listed, resolved } = planned;
  const hostOf = new Map(data.endpoints.map((e) => [e.id, e.hostname]));
  return {
    id: group.id,
    name: group.name,
    kind: group.kind,
    priority: group.priority,
    definition: group.rule ? 'rule' : 'explicit',
    rule: group.rule,
    listedHostnames: [...listed].map((id) => hostOf.get(id) ?? id).sort(),
    memberCount: resolved.length,
    serverCount: resolved.filter((e) => e.type === 'server').length,
    sites: [...new Set(resolved.map((e) => e.site))].sort(),
    policy: policyView(policy),
  };
}

export function overviewOf(engagementId: string, data: PlanningData): GroupsOverview {
  const nameOf = new Map(data.groups.map((g) => [g.group.id, g.group.name]));
  return {
    engagementId,
    groups: data.groups.map((g) => groupView(data, g)),
    coverage: {
      endpoints: data.endpoints.length,
      assigned: data.resolution.groupOf.size,
      unassigned: data.resolution.unassigned.map((e) => e.hostname),
      inSeveral: data.resolution.inSeveral.map((s) => ({
        hostname: s.endpoint.hostname,
        groups: s.groupIds.map((id) => nameOf.get(id) ?? id),
      })),
    },
  };
}
