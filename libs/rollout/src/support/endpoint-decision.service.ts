import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import {
  AccessScope,
  can,
  Engagement,
  EngagementService,
  Language,
  Page,
  Paging,
} from '@app/identity';
import {
  Clock,
  ForbiddenException,
  NotFoundException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { ExternalStepEvents } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { EndpointFilters, endpointWhere } from '../inventory/endpoint-query.service';
import { AFFECTS } from '../snapshots/snapshot-subjects';
import { NEEDS_DECISION, undecidedEndpointReasons } from './decision-check';
import { DecisionKind, DecisionSelection, EndpointDecision } from './endpoint-decision.entity';
import { RolloutError } from '../rollout-errors';

export interface DecisionInput {
  kind: DecisionKind;
  upgradeBy?: string | null;
  note?: string;
  /** Explicit endpoints; otherwise every endpoint needing a decision that matches the filters. */
  endpointIds?: string[];
  filters?: Pick<EndpointFilters, 'site' | 'country' | 'osFamily' | 'supportStatus' | 'type'> & {
    osVersion?: string;
  };
}

export type DecisionView = EndpointDecision & {
  proposedByName: string | null;
  decidedByName: string | null;
};

/**
 * What the caller does with decisions: the customer's security lead records (and approves or
 * rejects), the provider's lead or analysts propose; anyone else only reads.
 */
export function decisionRoleOf(
  scope: AccessScope,
  engagement: Engagement,
): 'record' | 'propose' | null {
  if (can(scope, 'endpoint.exception.record', engagement)) return 'record';
  if (can(scope, 'endpoint.exception.propose', engagement)) return 'propose';
  return null;
}

/**
 * Decisions on endpoints that need one (unsupported, support ended or ending soon): the
 * provider's lead or analysts propose, the customer's security lead approves or rejects, or
 * records one directly. Each change is audited and re-runs the workflow's checks.
 */
@Injectable()
export class EndpointDecisionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly engagements: EngagementService,
    private readonly steps: ExternalStepEvents,
    private readonly clock: Clock,
  ) {}

  /** Why the engagement's unsupported-OS decisions are not complete, in the reader's language (empty: all decided). */
  async undecidedReasons(
    scope: AccessScope,
    engagementId: string,
    language: Language,
  ): Promise<string[]> {
    await this.engagements.get(scope, engagementId);
    return undecidedEndpointReasons(this.tx.manager, engagementId, language);
  }

  async list(
    scope: AccessScope,
    engagementId: string,
    paging: Paging,
  ): Promise<Page<DecisionView>> {
    await this.engagements.get(scope, engagementId);
    const m = this.tx.manager;
    const [{ total }] = await m.query(
      `SELECT count(*)::int AS total FROM endpoint_decision WHERE engagement_id = $1`,
      [engagementId],
    );
    const ids: { id: string }[] = await m.query(
      `SELECT id FROM endpoint_decision WHERE engagement_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [engagementId, paging.limit, paging.offset],
    );
    const items = await Promise.all(ids.map((r) => this.view(m, r.id)));
    return { items, total, ...paging };
  }

  async create(
    scope: AccessScope,
    engagementId: string,
    input: DecisionInput,
  ): Promise<DecisionView> {
    const engagement = await this.engagements.get(scope, engagementId);
    const role = decisionRoleOf(scope, engagement);
    const direct = role === 'record';
    if (role === null) {
      throw new ForbiddenException(
        "Only the provider's lead or analysts propose decisions, and the customer's security lead records them",
      );
    }
    if (input.kind === 'upgrade' && !input.upgradeBy)
      throw new ValidationException([{ field: 'upgradeBy', reason: 'is required for an upgrade' }]);
    const upgradeBy = input.kind === 'upgrade' ? (input.upgradeBy ?? null) : null;
    return this.tx.run(async (manager) => {
      const endpointIds = await this.select(manager, engagementId, input);
      const selection: DecisionSelection = input.endpointIds?.length
        ? { endpointIds: input.endpointIds }
        : { ...(input.filters ?? {}) };
      const decision = await manager.getRepository(EndpointDecision).save(
        manager.getRepository(EndpointDecision).create({
          engagementId,
          kind: input.kind,
          upgradeBy,
          note: input.note ?? '',
          status: direct ? 'approved' : 'proposed',
          selection,
          endpointCount: endpointIds.length,
          proposedBy: scope.userId,
          decidedBy: direct ? scope.userId : null,
          decidedAt: direct ? this.clock.now() : null,
          rejectionReason: null,
        }),
      );
      await manager.query(
        `INSERT INTO endpoint_decision_endpoint (decision_id, engagement_id, endpoint_id) SELECT $1, $2, unnest($3::uuid[])`,
        [decision.id, engagementId, endpointIds],
      );
      await this.steps.configurationChanged(manager, scope.actor, engagementId, AFFECTS.decisions);
      await this.audit.record(manager, scope.actor, {
        action: direct ? 'endpoint_decision.recorded' : 'endpoint_decision.proposed',
        subjectType: 'endpoint_decision',
        subjectId: decision.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: {
          kind: input.kind,
          upgradeBy,
          note: decision.note,
          status: decision.status,
          selection,
          endpoints: endpointIds.length,
        },
      });
      return this.view(manager, decision.id);
    });
  }

  approve(scope: AccessScope, engagementId: string, decisionId: string): Promise<DecisionView> {
    return this.decide(scope, engagementId, decisionId, 'approved', null);
  }

  reject(
    scope: AccessScope,
    engagementId: string,
    decisionId: string,
    reason: string,
  ): Promise<DecisionView> {
    return this.decide(scope, engagementId, decisionId, 'rejected', reason);
  }

  private async decide(
    scope: AccessScope,
    engagementId: string,
    decisionId: string,
    to: 'approved' | 'rejected',
    reason: string | null,
  ): Promise<DecisionView> {
    const engagement = await this.engagements.get(scope, engagementId);
    return this.tx.run(async (manager) => {
      const decision = await manager.getRepository(EndpointDecision).findOne({
        where: { id: decisionId, engagementId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!decision) throw new NotFoundException('Decision');
      if (decisionRoleOf(scope, engagement) !== 'record')
        throw new ForbiddenException(
          "Only the customer's security lead approves or rejects decisions",
        );
      if (decision.status !== 'proposed')
        throw new RolloutError(
          'DECISION_ALREADY_DECIDED',
          `The decision is ${decision.status}; only a proposed decision can be ${to}`,
        );
      await manager.getRepository(EndpointDecision).update(decision.id, {
        status: to,
        decidedBy: scope.userId,
        decidedAt: this.clock.now(),
        rejectionReason: reason,
        updatedAt: this.clock.now(),
      });
      await this.steps.configurationChanged(manager, scope.actor, engagementId, AFFECTS.decisions);
      await this.audit.record(manager, scope.actor, {
        action: `endpoint_decision.${to}`,
        subjectType: 'endpoint_decision',
        subjectId: decision.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: { status: { from: 'proposed', to }, ...(reason ? { reason } : {}) },
      });
      return this.view(manager, decision.id);
    });
  }

  /** The endpoints a new decision covers; only endpoints that need a decision qualify. */
  private async select(
    manager: EntityManager,
    engagementId: string,
    input: DecisionInput,
  ): Promise<string[]> {
    if (input.endpointIds?.length) {
      const ids = [...new Set(input.endpointIds)];
      const found: { id: string }[] = await manager.query(
        `SELECT id FROM endpoint WHERE engagement_id = $1 AND id = ANY($2::uuid[]) AND support_status = ANY($3)`,
        [engagementId, ids, NEEDS_DECISION],
      );
      if (found.length !== ids.length) {
        throw new ValidationException([
          {
            field: 'endpointIds',
            reason: `${ids.length - found.length} of ${ids.length} are not endpoints of this engagement that need a decision`,
          },
        ]);
      }
      return found.map((f) => f.id);
    }
    const params: unknown[] = [engagementId];
    let where = endpointWhere(input.filters ?? {}, params);
    if (input.filters?.osVersion) {
      params.push(input.filters.osVersion);
      where += ` AND e.os_version = $${params.length}`;
    }
    params.push(NEEDS_DECISION);
    const found: { id: string }[] = await manager.query(
      `SELECT e.id FROM endpoint e WHERE ${where} AND e.support_status = ANY($${params.length})`,
      params,
    );
    if (found.length === 0)
      throw new ValidationException([
        { field: 'filters', reason: 'match no endpoint that needs a decision' },
      ]);
    return found.map((f) => f.id);
  }

  private async view(manager: EntityManager, id: string): Promise<DecisionView> {
    const decision = await manager.getRepository(EndpointDecision).findOneByOrFail({ id });
    const names: { id: string; display_name: string }[] = await manager.query(
      `SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])`,
      [[decision.proposedBy, decision.decidedBy].filter((x): x is string => x !== null)],
    );
    const name = (userId: string | null): string | null =>
      names.find((n) => n.id === userId)?.display_name ?? null;
    return {
      ...decision,
      proposedByName: name(decision.proposedBy),
      decidedByName: name(decision.decidedBy),
    };
  }
}
