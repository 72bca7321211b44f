import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, Membership } from '@app/identity';
import { OutboxService } from '@app/notify';
import { Clock, NotFoundException, TransactionRunner, ValidationException } from '@app/platform';
import { ExternalStepEvents } from '@app/workflow';
import { EntityManager, QueryFailedError } from 'typeorm';
import { EndpointGroup } from '../groups/endpoint-group.entity';
import { GroupPolicy } from '../groups/group-policy.entity';
import { settingsOf, writePolicy } from '../groups/policy-writer';
import { PlanningAccess } from '../planning/planning-access';
import { AFFECTS } from '../snapshots/snapshot-subjects';
import { ModeSwitchRequest, ModeSwitchStatus } from './mode-switch-request.entity';
import { switchReadiness, SwitchReadiness } from './switch-readiness';
import { TuningPeriod, tuningPeriod } from './tuning-period';
import { RolloutError } from '../rollout-errors';

export interface ModeSwitchView {
  id: string;
  groupId: string;
  groupName: string;
  status: ModeSwitchStatus;
  note: string | null;
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
}

export interface GroupSwitchState extends SwitchReadiness {
  groupId: string;
  groupName: string;
  kind: string;
  mode: string;
  modeSince: string;
}

export interface ModeSwitchOverview {
  tuningPeriod: TuningPeriod;
  groups: GroupSwitchState[];
  requests: ModeSwitchView[];
}

function view(r: ModeSwitchRequest, groupName: string): ModeSwitchView {
  return {
    id: r.id,
    groupId: r.groupId,
    groupName,
    status: r.status,
    note: r.note,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    rejectionReason: r.rejectionReason,
  };
}

/**
 * The switch of a group from detect to block: requested by the provider once the tuning period
 * has run and the tuning log has no open entry, decided by the customer's security lead. The
 * conditions are checked again on approval; approving writes the policy and its change record.
 */
@Injectable()
export class ModeSwitchService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: PlanningAccess,
    private readonly audit: AuditService,
    private readonly steps: ExternalStepEvents,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  async overview(scope: AccessScope, engagementId: string): Promise<ModeSwitchOverview> {
    await this.access.readable(scope, engagementId);
    const manager = this.tx.manager;
    const period = await tuningPeriod(manager, engagementId);
    const groups = await manager
      .getRepository(EndpointGroup)
      .find({ where: { engagementId }, order: { priority: 'ASC' } });
    const policies = new Map(
      (await manager.getRepository(GroupPolicy).find({ where: { engagementId } })).map((p) => [
        p.groupId,
        p,
      ]),
    );
    const states: GroupSwitchState[] = [];
    for (const group of groups) {
      const policy = policies.get(group.id) as GroupPolicy;
      const readiness = await switchReadiness(
        manager,
        group,
        policy,
        period,
        this.clock.now(),
        scope.language,
      );
      states.push({
        groupId: group.id,
        groupName: group.name,
        kind: group.kind,
        mode: policy.mode,
        modeSince: policy.modeSince.toISOString(),
        ...readiness,
      });
    }
    const nameOf = new Map(groups.map((g) => [g.id, g.name]));
    const requests = await manager
      .getRepository(ModeSwitchRequest)
      .find({ where: { engagementId }, order: { requestedAt: 'DESC' } });
    return {
      tuningPeriod: period,
      groups: states,
      requests: requests.map((r) => view(r, nameOf.get(r.groupId) ?? '')),
    };
  }

  request(
    scope: AccessScope,
    engagementId: string,
    groupId: string,
    note?: string,
  ): Promise<ModeSwitchView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.access.designer(scope, engagementId, manager);
      const { group, policy } = await this.lockGroup(manager, engagementId, groupId);
      const pending = await manager
        .getRepository(ModeSwitchRequest)
        .findOne({ where: { groupId, status: 'requested' } });
      if (pending)
        throw new RolloutError(
          'MODE_SWITCH_PENDING',
          `A mode switch of group "${group.name}" is already waiting for the customer's decision`,
          { requestId: pending.id },
        );
      await this.assertReady(manager, scope, group, policy);
      const saved = await this.insertRequest(manager, group, {
        engagementId,
        groupId,
        status: 'requested',
        note: note?.trim() || null,
        requestedBy: scope.userId,
        requestedAt: this.clock.now(),
      });
      for (const userId of await securityLeads(manager, engagement.customerOrganisationId)) {
        await this.outbox.add(
          manager,
          'mode-switch-requested',
          { requestId: saved.id, userId },
          { dedupeKey: `mode-switch-requested:${saved.id}:${userId}` },
        );
      }
      await this.audit.record(manager, scope.actor, {
        action: 'rollout.mode_switch_requested',
        subjectType: 'mode_switch_request',
        subjectId: saved.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: { group: group.name, from: 'detect', to: 'block', note: saved.note },
      });
      return view(saved, group.name);
    });
  }

  approve(
    scope: AccessScope,
    engagementId: string,
    groupId: string,
    requestId: string,
  ): Promise<ModeSwitchView> {
    return this.decide(scope, engagementId, groupId, requestId, null);
  }

  reject(
    scope: AccessScope,
    engagementId: string,
    groupId: string,
    requestId: string,
    reason: string,
  ): Promise<ModeSwitchView> {
    const trimmed = reason.trim();
    if (trimmed.length < 3)
      throw new ValidationException([{ field: 'reason', reason: 'must be at least 3 characters' }]);
    return this.decide(scope, engagementId, groupId, requestId, trimmed);
  }

  private decide(
    scope: AccessScope,
    engagementId: string,
    groupId: string,
    requestId: string,
    rejection: string | null,
  ): Promise<ModeSwitchView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.access.customerLead(scope, engagementId, manager);
      const { group, policy } = await this.lockGroup(manager, engagementId, groupId);
      const request = await manager
        .getRepository(ModeSwitchRequest)
        .findOne({ where: { id: requestId, groupId, engagementId } });
      if (!request) throw new NotFoundException('Mode switch request');
      if (request.status !== 'requested')
        throw new RolloutError(
          'MODE_SWITCH_ALREADY_DECIDED',
          `This mode switch request is already ${request.status}`,
        );
      const now = this.clock.now();
      if (rejection === null) {
        // The log may have reopened or the policy changed since the request: check again.
        await this.assertReady(manager, scope, group, policy);
        await writePolicy(manager, {
          engagementId,
          groupId,
          before: policy,
          after: { ...settingsOf(policy), mode: 'block' },
          source: 'switch',
          modeSwitchRequestId: request.id,
          userId: scope.userId,
          at: now,
        });
      }
      Object.assign(request, {
        status: rejection === null ? 'approved' : 'rejected',
        decidedBy: scope.userId,
        decidedAt: now,
        rejectionReason: rejection,
      });
      await manager.getRepository(ModeSwitchRequest).save(request);
      if (rejection === null) {
        // An approved switch carries out the migration plan: snapshots read the designed mode, so this stales nothing by itself.
        await this.steps.configurationChanged(manager, scope.actor, engagementId, AFFECTS.groups);
      }
      await this.outbox.add(
        manager,
        'mode-switch-decided',
        { requestId: request.id },
        { dedupeKey: `mode-switch-decided:${request.id}` },
      );
      await this.audit.record(manager, scope.actor, {
        action:
          rejection === null ? 'rollout.mode_switch_approved' : 'rollout.mode_switch_rejected',
        subjectType: 'mode_switch_request',
        subjectId: request.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes:
          rejection === null
            ? { group: group.name, mode: { from: 'detect', to: 'block' } }
            : { group: group.name, reason: rejection },
      });
      return view(request, group.name);
    });
  }

  /**
   * The partial unique index `mode_switch_one_open` keeps one open request per group; a request
   * that loses a race for it is the same conflict as one that found the other's request.
   */
  private async insertRequest(
    manager: EntityManager,
    group: EndpointGroup,
    row: Partial<ModeSwitchRequest>,
  ): Promise<ModeSwitchRequest> {
    try {
      return await manager
        .getRepository(ModeSwitchRequest)
        .save(manager.getRepository(ModeSwitchRequest).create(row));
    } catch (error: unknown) {
      if (isOpenRequestClash(error)) {
        throw new RolloutError(
          'MODE_SWITCH_PENDING',
          `A mode switch of group "${group.name}" is already waiting for the customer's decision`,
        );
      }
      throw error;
    }
  }

  private async lockGroup(
    manager: EntityManager,
    engagementId: string,
    groupId: string,
  ): Promise<{ group: EndpointGroup; policy: GroupPolicy }> {
    const group = await manager
      .getRepository(EndpointGroup)
      .findOne({ where: { id: groupId, engagementId }, lock: { mode: 'pessimistic_write' } });
    if (!group) throw new NotFoundException('Group');
    const policy = await manager
      .getRepository(GroupPolicy)
      .findOneOrFail({ where: { groupId }, lock: { mode: 'pessimistic_write' } });
    return { group, policy };
  }

  private async assertReady(
    manager: EntityManager,
    scope: AccessScope,
    group: EndpointGroup,
    policy: GroupPolicy,
  ): Promise<void> {
    const period = await tuningPeriod(manager, group.engagementId);
    const readiness = await switchReadiness(
      manager,
      group,
      policy,
      period,
      this.clock.now(),
      scope.language,
    );
    if (readiness.ready) return;
    throw new RolloutError('MODE_SWITCH_NOT_READY', readiness.reasons.join('; '), {
      reasons: readiness.reasons,
      daysRemaining: readiness.daysRemaining,
      openEntries: readiness.openEntries,
      tuningPeriod: period,
    });
  }
}

function isOpenRequestClash(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === 'mode_switch_one_open';
}

/** The customer's security leads, who decide mode switches. */
async function securityLeads(
  manager: EntityManager,
  customerOrganisationId: string,
): Promise<string[]> {
  const rows = await manager.getRepository(Membership).find({
    where: { organisationId: customerOrganisationId, role: 'customer_security_lead' },
    order: { userId: 'ASC' },
  });
  return [...new Set(rows.map((m) => m.userId))];
}
