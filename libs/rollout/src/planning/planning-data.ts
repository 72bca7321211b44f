import { EntityManager } from 'typeorm';
import { EndpointGroup, EndpointGroupMember } from '../groups/endpoint-group.entity';
import { GroupPolicy } from '../groups/group-policy.entity';
import { Resolution, resolveGroups } from '../groups/resolve-groups';
import { Endpoint } from '../inventory/endpoint.entity';

export interface PlannedGroup {
  group: EndpointGroup;
  policy: GroupPolicy;
  /** The explicit list (empty for rule groups). */
  listed: Set<string>;
  /** The endpoints that resolve into this group. */
  resolved: Endpoint[];
}

export interface PlanningData {
  endpoints: Endpoint[];
  groups: PlannedGroup[];
  resolution: Resolution;
}

/**
 * The engagement's endpoints, groups, policies and who resolves where, read on the caller's
 * manager. No scope: callers checked access (or are the workflow's checks).
 */
export async function loadPlanningData(
  manager: EntityManager,
  engagementId: string,
): Promise<PlanningData> {
  // One after the other: the manager may be a transaction's single connection.
  const endpoints = await manager
    .getRepository(Endpoint)
    .find({ where: { engagementId }, order: { hostname: 'ASC' } });
  const groups = await manager
    .getRepository(EndpointGroup)
    .find({ where: { engagementId }, order: { priority: 'ASC' } });
  const policies = await manager.getRepository(GroupPolicy).find({ where: { engagementId } });
  const members = await manager
    .getRepository(EndpointGroupMember)
    .createQueryBuilder('m')
    .innerJoin(EndpointGroup, 'g', 'g.id = m.group_id')
    .where('g.engagement_id = :engagementId', { engagementId })
    .getMany();
  const listed = new Map<string, Set<string>>(groups.map((g) => [g.id, new Set<string>()]));
  for (const m of members) listed.get(m.groupId)?.add(m.endpointId);
  const policyOf = new Map(policies.map((p) => [p.groupId, p]));
  const resolution = resolveGroups(
    endpoints,
    groups.map((g) => ({
      id: g.id,
      priority: g.priority,
      rule: g.rule,
      members: listed.get(g.id) ?? new Set(),
    })),
  );
  const planned: PlannedGroup[] = groups.map((group) => ({
    group,
    policy: policyOf.get(group.id) as GroupPolicy,
    listed: listed.get(group.id) ?? new Set(),
    resolved: endpoints.filter((e) => resolution.groupOf.get(e.id) === group.id),
  }));
  return { endpoints, groups: planned, resolution };
}
