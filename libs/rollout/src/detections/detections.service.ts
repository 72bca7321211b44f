import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, Actor, Engagement, EngagementService, Page, Paging } from '@app/identity';
import { OutboxService } from '@app/notify';
import {
  Clock,
  DomainException,
  SecretCipherError,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Endpoint } from '../inventory/endpoint.entity';
import { NotificationRouting } from '../routing/notification-routing.entity';
import { routeDetection } from '../routing/route-detection';
import { loadRoutingPeople, toCandidates } from '../routing/routing-candidates';
import { DetectionInput, parseDetection } from './detection-payload';
import { DetectionSecrets } from './detection-secrets';
import { verifySignature } from './detection-signature';
import { Detection } from './detection.entity';
import { RolloutError } from '../rollout-errors';

export interface WebhookDelivery {
  rawBody: Buffer;
  signature: string | undefined;
  /** The body as Fastify parsed it from `rawBody`. */
  body: unknown;
  ip: string | null;
  userAgent: string | null;
}

export interface IngestResult {
  /** False when the EDR's detection id was already stored: nothing new happened. */
  created: boolean;
  detection: Detection;
}

const UNSIGNED = 'A valid X-Signature (sha256=<hex HMAC of the body>) is required';

/**
 * Detections from the EDR's webhook: verified by the engagement's HMAC secret, stored once per
 * EDR detection id, routed by the engagement's rules and notified through the outbox in the
 * same transaction.
 */
@Injectable()
export class DetectionsService {
  private readonly logger = new Logger(DetectionsService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly engagements: EngagementService,
    private readonly clock: Clock,
    private readonly secrets: DetectionSecrets,
  ) {}

  async ingest(engagementId: string, delivery: WebhookDelivery): Promise<IngestResult> {
    // An unknown engagement and one without routing look the same as a bad signature.
    const routing = await this.tx.manager
      .getRepository(NotificationRouting)
      .createQueryBuilder('r')
      .addSelect('r.webhookSecret')
      .where('r.engagement_id = :engagementId', { engagementId })
      .getOne();
    if (
      !routing ||
      !verifySignature(await this.verifyingSecret(routing), delivery.rawBody, delivery.signature)
    ) {
      throw new DomainException('UNAUTHENTICATED', UNSIGNED);
    }
    const parsed = parseDetection(delivery.body);
    if (!parsed.ok) throw new ValidationException(parsed.errors);
    const actor: Actor = {
      userId: null,
      organisationId: null,
      ip: delivery.ip,
      userAgent: delivery.userAgent ?? 'edr-webhook',
    };
    return this.tx.run((manager) => this.store(manager, routing, parsed.value, actor));
  }

  /**
   * A detection delivered with an API key (scope `detections:write`) instead of the webhook's
   * signature: the key's engagement scope decides (404 outside it), the rest is the same.
   */
  async ingestWithKey(
    scope: AccessScope,
    engagementId: string,
    body: unknown,
  ): Promise<IngestResult> {
    await this.engagements.get(scope, engagementId);
    const routing = await this.tx.manager
      .getRepository(NotificationRouting)
      .findOne({ where: { engagementId } });
    if (!routing)
      throw new RolloutError(
        'ROUTING_NOT_SET_UP',
        'Set up the notification routing before detections are delivered',
      );
    const parsed = parseDetection(body);
    if (!parsed.ok) throw new ValidationException(parsed.errors);
    return this.tx.run((manager) => this.store(manager, routing, parsed.value, scope.actor));
  }

  /**
   * The engagement's secret, or null (nothing verifies) when the sealed value does not open:
   * SESSION_SECRET changed since it was sealed, and the secret has to be rotated.
   */
  private async verifyingSecret(routing: NotificationRouting): Promise<string | null> {
    try {
      return await this.secrets.verifyingSecret(this.tx.manager, routing);
    } catch (error: unknown) {
      if (!(error instanceof SecretCipherError)) throw error;
      this.logger.warn(
        `Detection webhook secret of engagement ${routing.engagementId} does not open (${error.message}); deliveries are refused until it is rotated`,
      );
      return null;
    }
  }

  async list(scope: AccessScope, engagementId: string, paging: Paging): Promise<Page<Detection>> {
    await this.engagements.get(scope, engagementId);
    const [items, total] = await this.tx.manager.getRepository(Detection).findAndCount({
      where: { engagementId },
      order: { detectedAt: 'DESC', id: 'ASC' },
      take: paging.limit,
      skip: paging.offset,
    });
    return { items, total, ...paging };
  }

  private async store(
    manager: EntityManager,
    routing: NotificationRouting,
    input: DetectionInput,
    actor: Actor,
  ): Promise<IngestResult> {
    const engagement = await manager
      .getRepository(Engagement)
      .findOneByOrFail({ id: routing.engagementId });
    const endpoint = await manager
      .getRepository(Endpoint)
      .createQueryBuilder('e')
      .where('e.engagement_id = :id', { id: engagement.id })
      .andWhere('lower(e.hostname) = lower(:hostname)', { hostname: input.hostname })
      .getOne();
    const people = await loadRoutingPeople(manager, engagement);
    const decision = routeDetection(routing.mode, endpoint?.country ?? null, toCandidates(people));
    // A repeat of the EDR's id inserts nothing (waiting for a concurrent first delivery).
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Detection)
      .values({
        engagementId: engagement.id,
        edrDetectionId: input.detectionId,
        detectedAt: input.detectedAt,
        hostname: input.hostname,
        severity: input.severity,
        title: input.title,
        details: input.details,
        endpointId: endpoint?.id ?? null,
        country: endpoint?.country ?? null,
        site: endpoint?.site ?? null,
        routingMode: routing.mode,
        routingReason: decision.reason,
        recipientUserIds: decision.userIds,
        receivedAt: this.clock.now(),
        // jsonb `details` is typed loosely by TypeORM; the row is complete, so the cast is safe.
      } as QueryDeepPartialEntity<Detection>)
      .orIgnore()
      .returning('id')
      .updateEntity(false)
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (id === undefined) {
      const existing = await manager
        .getRepository(Detection)
        .findOneByOrFail({ engagementId: engagement.id, edrDetectionId: input.detectionId });
      return { created: false, detection: existing };
    }
    for (const userId of decision.userIds) {
      await this.outbox.add(
        manager,
        'detection-notification',
        { detectionId: id, userId, reason: decision.reason },
        { dedupeKey: `detection-notification:${id}:${userId}` },
      );
    }
    await this.audit.record(manager, actor, {
      action: 'detection.received',
      subjectType: 'detection',
      subjectId: id,
      organisationId: engagement.customerOrganisationId,
      engagementId: engagement.id,
      changes: {
        edrDetectionId: input.detectionId,
        hostname: input.hostname,
        severity: input.severity,
        country: endpoint?.country ?? null,
        routing: { mode: routing.mode, reason: decision.reason, recipients: decision.userIds },
      },
    });
    return {
      created: true,
      detection: await manager.getRepository(Detection).findOneByOrFail({ id }),
    };
  }
}
