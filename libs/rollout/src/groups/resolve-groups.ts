import type { GroupRule, RuleSubject } from './group-rule';
import { ruleMatches } from './group-rule';

export interface ResolvableGroup {
  id: string;
  priority: number;
  /** Null: an explicit-list group. */
  rule: GroupRule | null;
  /** The endpoint ids an explicit-list group names (ignored for rule groups). */
  members: ReadonlySet<string>;
}

export interface ResolvableEndpoint extends RuleSubject {
  id: string;
  hostname: string;
}

export interface Resolution {
  /** endpoint id → the one group it resolves into. */
  groupOf: Map<string, string>;
  /** Endpoints no group takes. */
  unassigned: ResolvableEndpoint[];
  /** Endpoints named in more than one explicit list: no single group, so no single policy. */
  inSeveral: { endpoint: ResolvableEndpoint; groupIds: string[] }[];
}

/**
 * Every endpoint resolves into exactly one group, or is reported. The rule:
 * 1. an endpoint named in exactly one explicit list belongs to that group (a deliberate choice
 *    beats any rule);
 * 2. named in several explicit lists, it is reported as in several (nobody chose between them);
 * 3. otherwise the first rule group, by ascending priority, whose rule matches takes it;
 * 4. otherwise it is in no group.
 */
export function resolveGroups(
  endpoints: ResolvableEndpoint[],
  groups: ResolvableGroup[],
): Resolution {
  const ruled = groups.filter((g) => g.rule !== null).sort((a, b) => a.priority - b.priority);
  const listed = groups.filter((g) => g.rule === null).sort((a, b) => a.priority - b.priority);
  const resolution: Resolution = { groupOf: new Map(), unassigned: [], inSeveral: [] };
  for (const endpoint of endpoints) {
    const explicit = listed.filter((g) => g.members.has(endpoint.id));
    if (explicit.length > 1) {
      resolution.inSeveral.push({ endpoint, groupIds: explicit.map((g) => g.id) });
      continue;
    }
    const group = explicit[0] ?? ruled.find((g) => ruleMatches(g.rule as GroupRule, endpoint));
    if (group) resolution.groupOf.set(endpoint.id, group.id);
    else resolution.unassigned.push(endpoint);
  }
  return resolution;
}
