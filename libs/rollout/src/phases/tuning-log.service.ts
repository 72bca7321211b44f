import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope } from '@app/identity';
import { Clock, NotFoundException, TransactionRunner, ValidationException } from '@app/platform';
import { EntityManager } from 'typeorm';
import { EndpointGroup } from '../groups/endpoint-group.entity';
import { Endpoint } from '../inventory/endpoint.entity';
import { PlanningAccess } from '../planning/planning-access';
import { TuningDecision, TuningLogEntry, TuningStatus } from './tuning-log-entry.entity';

export interface TuningEntryInput {
  groupId: string;
  hostname?: string;
  detectionName: string;
  process: string;
  decision?: TuningDecision;
  status?: TuningStatus;
  note?: string;
}

export interface TuningEntryChange {
  decision?: TuningDecision;
  status?: TuningStatus;
  note?: string;
}

export interface TuningEntryView {
  id: string;
  groupId: string;
  groupName: string;
  hostname: string | null;
  detectionName: string;
  process: string;
  decision: TuningDecision | null;
  status: TuningStatus;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The false positives found in detect mode, per group; an open entry holds back block mode. */
@Injectable()
export class TuningLogService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: PlanningAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(scope: AccessScope, engagementId: string): Promise<TuningEntryView[]> {
    await this.access.readable(scope, engagementId);
    return entriesOf(this.tx.manager, engagementId);
  }

  create(
    scope: AccessScope,
    engagementId: string,
    input: TuningEntryInput,
  ): Promise<TuningEntryView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.access.designer(scope, engagementId, manager);
      const group = await manager
        .getRepository(EndpointGroup)
        .findOne({ where: { id: input.groupId, engagementId } });
      if (!group)
        throw new ValidationException([
          { field: 'groupId', reason: 'is not a group of this engagement' },
        ]);
      let endpointId: string | null = null;
      if (input.hostname) {
        const endpoint = await manager
          .getRepository(Endpoint)
          .createQueryBuilder('e')
          .where('e.engagement_id = :engagementId AND lower(e.hostname) = lower(:hostname)', {
            engagementId,
            hostname: input.hostname.trim(),
          })
          .getOne();
        if (!endpoint)
          throw new ValidationException([
            { field: 'hostname', reason: 'is not an endpoint of this engagement' },
          ]);
        endpointId = endpoint.id;
      }
      const status = input.status ?? 'open';
      assertDecided(status, input.decision ?? null);
      const now = this.clock.now();
      const entry = await manager.getRepository(TuningLogEntry).save(
        manager.getRepository(TuningLogEntry).create({
          engagementId,
          groupId: group.id,
          endpointId,
          detectionName: input.detectionName.trim(),
          process: input.process.trim(),
          decision: input.decision ?? null,
          status,
          note: input.note?.trim() || null,
          createdBy: scope.userId,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await this.audit.record(manager, scope.actor, {
        action: 'rollout.tuning_entry_created',
        subjectType: 'tuning_log_entry',
        subjectId: entry.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: {
          group: group.name,
          hostname: input.hostname ?? null,
          detectionName: entry.detectionName,
          process: entry.process,
          decision: entry.decision,
          status,
        },
      });
      return this.one(manager, engagementId, entry.id);
    });
  }

  update(
    scope: AccessScope,
    engagementId: string,
    entryId: string,
    change: TuningEntryChange,
  ): Promise<TuningEntryView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.access.designer(scope, engagementId, manager);
      const entry = await manager
        .getRepository(TuningLogEntry)
        .findOne({ where: { id: entryId, engagementId }, lock: { mode: 'pessimistic_write' } });
      if (!entry) throw new NotFoundException('Tuning log entry');
      const before = { decision: entry.decision, status: entry.status, note: entry.note };
      if (change.decision !== undefined) entry.decision = change.decision;
      if (change.status !== undefined) entry.status = change.status;
      if (change.note !== undefined) entry.note = change.note.trim() || null;
      assertDecided(entry.status, entry.decision);
      entry.updatedAt = this.clock.now();
      await manager.getRepository(TuningLogEntry).save(entry);
      await this.audit.record(manager, scope.actor, {
        action: 'rollout.tuning_entry_updated',
        subjectType: 'tuning_log_entry',
        subjectId: entry.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: {
          before,
          after: { decision: entry.decision, status: entry.status, note: entry.note },
        },
      });
      return this.one(manager, engagementId, entry.id);
    });
  }

  private async one(
    manager: EntityManager,
    engagementId: string,
    id: string,
  ): Promise<TuningEntryView> {
    return (await entriesOf(manager, engagementId)).find((e) => e.id === id) as TuningEntryView;
  }
}

function assertDecided(status: TuningStatus, decision: TuningDecision | null): void {
  if (status === 'closed' && !decision) {
    throw new ValidationException([
      { field: 'decision', reason: 'is required to close an entry (exclusion, allow or fix)' },
    ]);
  }
}

/** The engagement's tuning log, open entries first, newest first. */
async function entriesOf(manager: EntityManager, engagementId: string): Promise<TuningEntryView[]> {
  const rows = (await manager.query(
    `SELECT t.id, t.group_id, g.name AS group_name, e.hostname, t.detection_name, t.process, t.decision, t.status, t.note, t.created_at, t.updated_at
       FROM tuning_log_entry t JOIN endpoint_group g ON g.id = t.group_id LEFT JOIN endpoint e ON e.engagement_id = t.engagement_id AND e.id = t.endpoint_id
      WHERE t.engagement_id = $1
      ORDER BY t.status = 'open' DESC, t.created_at DESC, t.id`,
    [engagementId],
  )) as Record<string, string | Date | null>[];
  return rows.map((r) => ({
    id: r.id as string,
    groupId: r.group_id as string,
    groupName: r.group_name as string,
    hostname: (r.hostname as string | null) ?? null,
    detectionName: r.detection_name as string,
    process: r.process as string,
    decision: r.decision as TuningDecision | null,
    status: r.status as TuningStatus,
    note: r.note as string | null,
    createdAt: (r.created_at as Date).toISOString(),
    updatedAt: (r.updated_at as Date).toISOString(),
  }));
}
