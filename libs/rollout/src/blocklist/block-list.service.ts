import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, EngagementService } from '@app/identity';
import { Clock, NotFoundException, TransactionRunner, ValidationException } from '@app/platform';
import { PlanSnapshots } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { PastIncident } from '../incidents-history/past-incident.entity';
import { isActive } from '../incidents-history/effectiveness';
import { assertMaintainsProtection } from '../protection-access';
import { AFFECTS } from '../snapshots/snapshot-subjects';
import { BlockListEntry } from './block-list-entry.entity';
import { BlockListJson, exportOrder, toCsv, toJson } from './block-list-export';
import { BlockableIocType, isBlockableType, normaliseIndicator } from './ioc';
import { RolloutError } from '../rollout-errors';

export interface NewBlockListEntry {
  type: string;
  value: string;
  reason: string;
  sourceIncidentId?: string | null;
  expiresAt?: Date | null;
}

export interface BlockListEntryView {
  id: string;
  type: BlockableIocType;
  value: string;
  reason: string;
  sourceIncidentId: string | null;
  expiresAt: Date | null;
  active: boolean;
  createdAt: Date;
}

/**
 * An engagement's static block list. Duplicates are refused (409 naming the entry already
 * there) rather than merged: a second reason or expiry for the same IOC is a decision the
 * analyst should make on the existing entry, not one the list should guess.
 */
@Injectable()
export class BlockListService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly engagements: EngagementService,
    private readonly clock: Clock,
    private readonly snapshots: PlanSnapshots,
  ) {}

  /** Every entry, active first in export order, then the expired ones. */
  async list(scope: AccessScope, engagementId: string): Promise<BlockListEntryView[]> {
    await this.engagements.get(scope, engagementId);
    const now = this.clock.now();
    const rows = await this.tx.manager.getRepository(BlockListEntry).findBy({ engagementId });
    const views = exportOrder(rows).map((e) => this.view(e, now));
    return [...views.filter((v) => v.active), ...views.filter((v) => !v.active)];
  }

  async add(
    scope: AccessScope,
    engagementId: string,
    input: NewBlockListEntry,
  ): Promise<BlockListEntryView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.engagements.get(scope, engagementId, manager);
      assertMaintainsProtection(scope, engagement);
      const now = this.clock.now();
      const entry = await this.validate(manager, engagementId, input, now);
      // Serialise adds per engagement so two concurrent adds of one IOC cannot both pass.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('block_list:' || $1))`, [
        engagementId,
      ]);
      const same = await manager
        .getRepository(BlockListEntry)
        .findBy({ engagementId, type: entry.type, value: entry.value });
      const active = same.find((e) => isActive(e, now));
      if (active) {
        throw new RolloutError(
          'BLOCK_LIST_DUPLICATE',
          `This ${entry.type} is already on the block list`,
          { existingId: active.id },
        );
      }
      const saved = await manager
        .getRepository(BlockListEntry)
        .save(
          manager
            .getRepository(BlockListEntry)
            .create({ ...entry, engagementId, createdBy: scope.userId, createdAt: now }),
        );
      await this.snapshots.changed(manager, scope.actor, engagementId, AFFECTS.blockList);
      await this.audit.record(manager, scope.actor, {
        action: 'block_list.entry_added',
        subjectType: 'block_list_entry',
        subjectId: saved.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: {
          type: saved.type,
          value: saved.value,
          reason: saved.reason,
          sourceIncidentId: saved.sourceIncidentId,
          expiresAt: saved.expiresAt,
        },
      });
      return this.view(saved, now);
    });
  }

  /** Expires an entry now (it leaves the export); expiring an expired entry changes nothing. */
  async expire(
    scope: AccessScope,
    engagementId: string,
    entryId: string,
  ): Promise<BlockListEntryView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.engagements.get(scope, engagementId, manager);
      const repository = manager.getRepository(BlockListEntry);
      const entry = await repository.findOne({
        where: { id: entryId, engagementId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!entry) throw new NotFoundException('Block list entry');
      assertMaintainsProtection(scope, engagement);
      const now = this.clock.now();
      if (!isActive(entry, now)) return this.view(entry, now);
      const before = entry.expiresAt;
      entry.expiresAt = now;
      await repository.save(entry);
      await this.snapshots.changed(manager, scope.actor, engagementId, AFFECTS.blockList);
      await this.audit.record(manager, scope.actor, {
        action: 'block_list.entry_expired',
        subjectType: 'block_list_entry',
        subjectId: entry.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: { expiresAt: { from: before, to: now } },
      });
      return this.view(entry, now);
    });
  }

  async exportCsv(scope: AccessScope, engagementId: string): Promise<string> {
    return toCsv(await this.activeEntries(scope, engagementId));
  }

  async exportJson(scope: AccessScope, engagementId: string): Promise<BlockListJson> {
    return toJson(engagementId, await this.activeEntries(scope, engagementId), this.clock.now());
  }

  /** Unexpired entries, for the EDR console export and the effectiveness report. */
  async activeEntries(scope: AccessScope, engagementId: string): Promise<BlockListEntry[]> {
    await this.engagements.get(scope, engagementId);
    const now = this.clock.now();
    const rows = await this.tx.manager.getRepository(BlockListEntry).findBy({ engagementId });
    return rows.filter((e) => isActive(e, now));
  }

  private async validate(
    manager: EntityManager,
    engagementId: string,
    input: NewBlockListEntry,
    now: Date,
  ) {
    if (!isBlockableType(input.type)) {
      throw new ValidationException([
        { field: 'type', reason: 'must be one of sha256, sha1, md5, file_path, domain, ip' },
      ]);
    }
    const normalised = normaliseIndicator(input.type, input.value);
    if (!normalised.ok)
      throw new ValidationException([{ field: 'value', reason: normalised.reason }]);
    const reason = input.reason.trim();
    if (reason === '')
      throw new ValidationException([{ field: 'reason', reason: 'must not be empty' }]);
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) {
      throw new ValidationException([{ field: 'expiresAt', reason: 'must be in the future' }]);
    }
    const sourceIncidentId = input.sourceIncidentId ?? null;
    if (sourceIncidentId !== null) {
      const found = await manager
        .getRepository(PastIncident)
        .existsBy({ id: sourceIncidentId, engagementId });
      if (!found)
        throw new ValidationException([
          { field: 'sourceIncidentId', reason: 'is not a past incident of this engagement' },
        ]);
    }
    return { type: input.type, value: normalised.value, reason, expiresAt, sourceIncidentId };
  }

  private view(e: BlockListEntry, now: Date): BlockListEntryView {
    return {
      id: e.id,
      type: e.type,
      value: e.value,
      reason: e.reason,
      sourceIncidentId: e.sourceIncidentId,
      expiresAt: e.expiresAt,
      active: isActive(e, now),
      createdAt: e.createdAt,
    };
  }
}
