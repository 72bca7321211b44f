import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, Engagement, EngagementService } from '@app/identity';
import { Clock, TransactionRunner } from '@app/platform';
import { PlanSnapshots } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { DetectionSecrets } from '../detections/detection-secrets';
import { Endpoint } from '../inventory/endpoint.entity';
import { assertEditsRouting, mayEditRouting } from '../protection-access';
import { AFFECTS } from '../snapshots/snapshot-subjects';
import { NotificationRouting } from './notification-routing.entity';
import { RoutingMode, routeDetection } from './route-detection';
import { loadRoutingPeople, Person, toCandidates } from './routing-candidates';
import { RolloutError } from '../rollout-errors';

export interface CountryRoute {
  country: string;
  endpoints: number;
  /** Who a detection there goes to under the current mode. */
  recipients: Person[];
  fallback: boolean;
}

export interface RoutingView {
  engagementId: string;
  configured: boolean;
  mode: RoutingMode | null;
  secretCreatedAt: Date | null;
  updatedAt: Date | null;
  headquarters: Person[];
  countryIt: Person[];
  countries: CountryRoute[];
  canEdit: boolean;
  /** The webhook path the EDR posts detections to. */
  webhookPath: string;
}

/** Shown once, when the secret is made; only a rotation shows a new one. */
export interface RoutingWithSecret extends RoutingView {
  webhookSecret: string;
}

@Injectable()
export class NotificationRoutingService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly engagements: EngagementService,
    private readonly clock: Clock,
    private readonly secrets: DetectionSecrets,
    private readonly snapshots: PlanSnapshots,
  ) {}

  async view(scope: AccessScope, engagementId: string): Promise<RoutingView> {
    const engagement = await this.engagements.get(scope, engagementId);
    return this.describe(this.tx.manager, scope, engagement);
  }

  /**
   * Sets the mode. The first set-up also makes the webhook secret and answers it once
   * (`webhookSecret`); later changes leave the secret alone.
   */
  async setMode(
    scope: AccessScope,
    engagementId: string,
    mode: RoutingMode,
  ): Promise<RoutingView | RoutingWithSecret> {
    return this.tx.run(async (manager) => {
      const engagement = await this.engagements.get(scope, engagementId, manager);
      assertEditsRouting(scope, engagement);
      const repository = manager.getRepository(NotificationRouting);
      const existing = await repository.findOne({
        where: { engagementId },
        lock: { mode: 'pessimistic_write' },
      });
      const now = this.clock.now();
      let secret: string | null = null;
      if (existing) {
        await repository.update(
          { engagementId },
          { mode, updatedBy: scope.userId, updatedAt: now },
        );
      } else {
        // Only the sealed secret is stored (see DetectionSecrets).
        const generated = this.secrets.generate(engagementId);
        secret = generated.secret;
        await repository.insert({
          engagementId,
          mode,
          webhookSecret: generated.sealed,
          secretCreatedAt: now,
          updatedBy: scope.userId,
          updatedAt: now,
        });
      }
      await this.snapshots.changed(manager, scope.actor, engagementId, AFFECTS.routing);
      await this.audit.record(manager, scope.actor, {
        action: existing ? 'notification_routing.updated' : 'notification_routing.created',
        subjectType: 'notification_routing',
        subjectId: engagementId,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: {
          mode: { from: existing?.mode ?? null, to: mode },
          ...(secret ? { webhookSecret: 'generated' } : {}),
        },
      });
      const view = await this.describe(manager, scope, engagement);
      return secret ? { ...view, webhookSecret: secret } : view;
    });
  }

  /** A new webhook secret, answered once; the old one stops working at once. */
  async rotateSecret(scope: AccessScope, engagementId: string): Promise<RoutingWithSecret> {
    return this.tx.run(async (manager) => {
      const engagement = await this.engagements.get(scope, engagementId, manager);
      assertEditsRouting(scope, engagement);
      const repository = manager.getRepository(NotificationRouting);
      const existing = await repository.findOne({
        where: { engagementId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!existing)
        throw new RolloutError(
          'ROUTING_NOT_SET_UP',
          'Set up the notification routing first: it makes the secret',
        );
      const { secret, sealed } = this.secrets.generate(engagementId);
      const now = this.clock.now();
      await repository.update(
        { engagementId },
        { webhookSecret: sealed, secretCreatedAt: now, updatedBy: scope.userId, updatedAt: now },
      );
      await this.audit.record(manager, scope.actor, {
        action: 'notification_routing.secret_rotated',
        subjectType: 'notification_routing',
        subjectId: engagementId,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: { secretCreatedAt: { from: existing.secretCreatedAt, to: now } },
      });
      return { ...(await this.describe(manager, scope, engagement)), webhookSecret: secret };
    });
  }

  private async describe(
    manager: EntityManager,
    scope: AccessScope,
    engagement: Engagement,
  ): Promise<RoutingView> {
    const routing = await manager
      .getRepository(NotificationRouting)
      .findOneBy({ engagementId: engagement.id });
    const people = await loadRoutingPeople(manager, engagement);
    const endpointCounts = await manager
      .getRepository(Endpoint)
      .createQueryBuilder('e')
      .select('e.country', 'country')
      .addSelect('count(*)::int', 'endpoints')
      .where('e.engagement_id = :id', { id: engagement.id })
      .groupBy('e.country')
      .getRawMany<{ country: string; endpoints: number }>();
    const countries = new Map(endpointCounts.map((c) => [c.country, c.endpoints]));
    for (const p of people.countryIt)
      if (p.countryCode && !countries.has(p.countryCode)) countries.set(p.countryCode, 0);
    const byId = new Map([...people.countryIt, ...people.headquarters].map((p) => [p.userId, p]));
    const mode = routing?.mode ?? 'per_country';
    const candidates = toCandidates(people);
    return {
      engagementId: engagement.id,
      configured: routing !== null,
      mode: routing?.mode ?? null,
      secretCreatedAt: routing?.secretCreatedAt ?? null,
      updatedAt: routing?.updatedAt ?? null,
      headquarters: people.headquarters,
      countryIt: people.countryIt,
      countries: [...countries.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([country, endpoints]) => {
          const decision = routeDetection(mode, country, candidates);
          return {
            country,
            endpoints,
            recipients: decision.userIds
              .map((id) => byId.get(id))
              .filter((p): p is Person => p !== undefined),
            fallback: decision.reason === 'fallback',
          };
        }),
      canEdit: mayEditRouting(scope, engagement),
      webhookPath: `/api/engagements/${engagement.id}/detections`,
    };
  }
}
