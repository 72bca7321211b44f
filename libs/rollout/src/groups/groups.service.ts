import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, Engagement } from '@app/identity';
import { Clock, NotFoundException, TransactionRunner, ValidationException } from '@app/platform';
import { ExternalStepEvents } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { Endpoint } from '../inventory/endpoint.entity';
import { loadPlanningData } from '../planning/planning-data';
import { PlanningAccess } from '../planning/planning-access';
import { EndpointGroup, EndpointGroupMember, GroupKind } from './endpoint-group.entity';
import { GroupRule, readGroupRule } from './group-rule';
import { GroupPolicy, PolicySettings } from './group-policy.entity';
import { AFFECTS } from '../snapshots/snapshot-subjects';
import { GroupsOverview, GroupView, groupView, overviewOf } from './group-views';
import { DEFAULT_POLICY, settingsOf, writePolicy } from './policy-writer';
import { RolloutError } from '../rollout-errors';

export interface GroupInput {
  name: string;
  kind: GroupKind;
  priority: number;
  /** Exactly one of `rule` and `hostnames`. */
  rule?: unknown;
  hostnames?: string[];
  /** On creation only; defaults to detect, quarantine off, manual updates, 10 at once. */
  policy?: PolicySettings;
}

/**
 * Groups and their policies. Every change is one transaction: the change, the policy change
 * record, the re-run of the workflow's planning checks, the approvals it makes stale and the
 * audit record.
 */
@Injectable()
export class GroupsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: PlanningAccess,
    private readonly audit: AuditService,
    private readonly steps: ExternalStepEvents,
    private readonly clock: Clock,
  ) {}

  async overview(scope: AccessScope, engagementId: string): Promise<GroupsOverview> {
    await this.access.readable(scope, engagementId);
    return overviewOf(engagementId, await loadPlanningData(this.tx.manager, engagementId));
  }

  create(scope: AccessScope, engagementId: string, input: GroupInput): Promise<GroupView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.access.designer(scope, engagementId, manager);
      const { rule, endpointIds } = await this.definition(manager, engagementId, input);
      await this.assertFree(manager, engagementId, input, null);
      const now = this.clock.now();
      const group = await manager.getRepository(EndpointGroup).save(
        manager.getRepository(EndpointGroup).create({
          engagementId,
          name: input.name.trim(),
          kind: input.kind,
          priority: input.priority,
          rule,
          createdBy: scope.userId,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.replaceMembers(manager, engagementId, group.id, endpointIds);
      const policy = input.policy ?? DEFAULT_POLICY;
      await writePolicy(manager, {
        engagementId,
        groupId: group.id,
        before: null,
        after: policy,
        source: 'design',
        userId: scope.userId,
        at: now,
      });
      return this.finish(manager, scope, engagement, group.id, 'rollout.group_created', {
        name: group.name,
        kind: group.kind,
        priority: group.priority,
        rule,
        listed: endpointIds.length,
        policy,
      });
    });
  }

  update(
    scope: AccessScope,
    engagementId: string,
    groupId: string,
    input: GroupInput,
  ): Promise<GroupView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.access.designer(scope, engagementId, manager);
      const group = await this.require(manager, engagementId, groupId);
      const { rule, endpointIds } = await this.definition(manager, engagementId, input);
      await this.assertFree(manager, engagementId, input, groupId);
      const before = {
        name: group.name,
        kind: group.kind,
        priority: group.priority,
        rule: group.rule,
      };
      Object.assign(group, {
        name: input.name.trim(),
        kind: input.kind,
        priority: input.priority,
        rule,
        updatedAt: this.clock.now(),
      });
      await manager.getRepository(EndpointGroup).save(group);
      await this.replaceMembers(manager, engagementId, group.id, endpointIds);
      return this.finish(manager, scope, engagement, group.id, 'rollout.group_updated', {
        before,
        after: {
          name: group.name,
          kind: group.kind,
          priority: group.priority,
          rule,
          listed: endpointIds.length,
        },
      });
    });
  }

  remove(scope: AccessScope, engagementId: string, groupId: string): Promise<void> {
    return this.tx.run(async (manager) => {
      const engagement = await this.access.designer(scope, engagementId, manager);
      const group = await this.require(manager, engagementId, groupId);
      await manager.getRepository(EndpointGroup).delete({ id: group.id });
      await this.steps.configurationChanged(manager, scope.actor, engagement, AFFECTS.groups);
      await this.audit.record(manager, scope.actor, {
        action: 'rollout.group_deleted',
        subjectType: 'endpoint_group',
        subjectId: group.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: { name: group.name, kind: group.kind, priority: group.priority },
      });
    });
  }

  async setPolicy(
    scope: AccessScope,
    engagementId: string,
    groupId: string,
    settings: PolicySettings,
  ): Promise<GroupView> {
    await this.tx.run(async (manager) => {
      const engagement = await this.access.designer(scope, engagementId, manager);
      // The group and its policy locked in one statement, the group's row first (the rows are
      // locked in FROM order, as every other change of a group takes them).
      const locked = (await manager
        .getRepository(EndpointGroup)
        .createQueryBuilder('g')
        .innerJoinAndMapOne('g.policy', GroupPolicy, 'p', 'p.group_id = g.id')
        .where('g.id = :groupId AND g.engagement_id = :engagementId', { groupId, engagementId })
        .setLock('pessimistic_write')
        .getOne()) as (EndpointGroup & { policy?: GroupPolicy }) | null;
      const before = locked?.policy;
      if (!before) throw new NotFoundException('Group');
      const previous = settingsOf(before);
      await writePolicy(manager, {
        engagementId,
        groupId,
        before,
        after: settings,
        source: 'design',
        userId: scope.userId,
        at: this.clock.now(),
      });
      await this.record(manager, scope, engagement, groupId, 'rollout.policy_changed', {
        before: previous,
        after: settings,
      });
    });
    // Read after the commit, outside the transaction: the answer needs no lock.
    return this.view(this.tx.manager, engagementId, groupId);
  }

  // ---------------------------------------------------------------------------------------

  private async finish(
    manager: EntityManager,
    scope: AccessScope,
    engagement: Engagement,
    groupId: string,
    action: string,
    changes: Record<string, unknown>,
  ): Promise<GroupView> {
    await this.record(manager, scope, engagement, groupId, action, changes);
    return this.view(manager, engagement.id, groupId);
  }

  /** The re-run checks, the approvals the change makes stale, and the audit record (last: its chain's head stays locked until commit). */
  private async record(
    manager: EntityManager,
    scope: AccessScope,
    engagement: Engagement,
    groupId: string,
    action: string,
    changes: Record<string, unknown>,
  ): Promise<void> {
    await this.steps.configurationChanged(manager, scope.actor, engagement, AFFECTS.groups);
    await this.audit.record(manager, scope.actor, {
      action,
      subjectType: 'endpoint_group',
      subjectId: groupId,
      organisationId: engagement.customerOrganisationId,
      engagementId: engagement.id,
      changes,
    });
  }

  private async view(
    manager: EntityManager,
    engagementId: string,
    groupId: string,
  ): Promise<GroupView> {
    const data = await loadPlanningData(manager, engagementId);
    const planned = data.groups.find((g) => g.group.id === groupId);
    if (!planned) throw new NotFoundException('Group');
    return groupView(data, planned);
  }

  private async require(
    manager: EntityManager,
    engagementId: string,
    groupId: string,
  ): Promise<EndpointGroup> {
    const group = await manager
      .getRepository(EndpointGroup)
      .findOne({ where: { id: groupId, engagementId }, lock: { mode: 'pessimistic_write' } });
    if (!group) throw new NotFoundException('Group');
    return group;
  }

  /** A rule group or an explicit list of this engagement's endpoints (by hostname, any case). */
  private async definition(
    manager: EntityManager,
    engagementId: string,
    input: GroupInput,
  ): Promise<{ rule: GroupRule | null; endpointIds: string[] }> {
    const hasRule = input.rule !== undefined && input.rule !== null;
    if (hasRule === (input.hostnames !== undefined)) {
      throw new ValidationException([
        { field: 'rule', reason: 'give exactly one of rule and hostnames' },
      ]);
    }
    if (hasRule) {
      const read = readGroupRule(input.rule);
      if ('errors' in read) throw new ValidationException(read.errors);
      return { rule: read.rule, endpointIds: [] };
    }
    const wanted = (input.hostnames ?? []).map((h) => h.trim().toLowerCase());
    const found = await manager
      .getRepository(Endpoint)
      .createQueryBuilder('e')
      .where('e.engagement_id = :engagementId AND lower(e.hostname) IN (:...wanted)', {
        engagementId,
        wanted: wanted.length ? wanted : [''],
      })
      .getMany();
    const idOf = new Map(found.map((e) => [e.hostname.toLowerCase(), e.id]));
    const errors = wanted.flatMap((h, i) =>
      idOf.has(h)
        ? []
        : [{ field: `hostnames[${i}]`, reason: 'is not an endpoint of this engagement' }],
    );
    if (errors.length) throw new ValidationException(errors);
    return { rule: null, endpointIds: [...new Set(wanted.map((h) => idOf.get(h) as string))] };
  }

  private async replaceMembers(
    manager: EntityManager,
    engagementId: string,
    groupId: string,
    endpointIds: string[],
  ): Promise<void> {
    await manager.getRepository(EndpointGroupMember).delete({ groupId });
    if (endpointIds.length)
      await manager
        .getRepository(EndpointGroupMember)
        .insert(endpointIds.map((endpointId) => ({ groupId, engagementId, endpointId })));
  }

  /** Names and priorities are taken once per engagement (rules resolve by priority). */
  private async assertFree(
    manager: EntityManager,
    engagementId: string,
    input: GroupInput,
    self: string | null,
  ): Promise<void> {
    const clash = await manager
      .getRepository(EndpointGroup)
      .createQueryBuilder('g')
      .where('g.engagement_id = :engagementId', { engagementId })
      .andWhere('(g.priority = :priority OR lower(g.name) = lower(:name))', {
        priority: input.priority,
        name: input.name.trim(),
      })
      .andWhere(self ? 'g.id <> :self' : 'TRUE', { self })
      .getOne();
    if (!clash) return;
    const what =
      clash.priority === input.priority ? `priority ${input.priority}` : `the name "${clash.name}"`;
    throw new RolloutError('GROUP_OVERLAP', `Group "${clash.name}" already has ${what}`, {
      group: clash.id,
    });
  }
}
