import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Engagement, SYSTEM_ACTOR } from '@app/identity';
import {
  IncidentWebhookPayload,
  JobHandler,
  JobHandlerRegistry,
  NotificationLedger,
} from '@app/notify';
import { SecretCipherError, TransactionRunner } from '@app/platform';
import { UnrecoverableError } from 'bullmq';
import { LookupAddress } from 'node:dns';
import { Incident, IncidentEvent, IncidentWebhookConfig } from '../entities';
import { postToVetted } from './webhook-post';
import { WebhookSecrets } from './webhook-secrets';
import { webhookSignature } from './webhook-signature';
import { WebhookRefused, WebhookTargets } from './webhook-targets';

/**
 * A receiver that does not answer in this time (its name resolved and the post made) is tried
 * again later (the queue's backoff).
 */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Posts one timeline event to the chat or ticketing URL, signed with the engagement's secret
 * (`X-Signature: sha256=<hex>` over the raw body). A non-2xx answer, a timeout or a name that
 * does not resolve fails the job so BullMQ retries it; a delivered one is recorded so a
 * redelivered job does not post again. The URL and secret are read at delivery: a changed
 * configuration applies to what is still queued. A target that resolves to an internal address
 * (or a secret that no longer opens) fails the job for good (UnrecoverableError: no retry, and
 * the failed job keeps the outbox reconciler from enqueueing it again), with an audit record and
 * a warning.
 */
@Injectable()
export class WebhookDeliveryHandler implements JobHandler<'incident-webhook'> {
  private readonly logger = new Logger(WebhookDeliveryHandler.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: NotificationLedger,
    private readonly targets: WebhookTargets,
    private readonly secrets: WebhookSecrets,
    private readonly audit: AuditService,
    registry: JobHandlerRegistry,
  ) {
    registry.register('incident-webhook', this);
  }

  async handle(outboxId: string, payload: IncidentWebhookPayload): Promise<void> {
    await this.ledger.once(outboxId, 'incident-webhook', async () => {
      const manager = this.tx.manager;
      const event = await manager.getRepository(IncidentEvent).findOneBy({ id: payload.eventId });
      if (!event) return;
      const incident = await manager
        .getRepository(Incident)
        .findOneByOrFail({ id: event.incidentId });
      const config = await manager
        .getRepository(IncidentWebhookConfig)
        .findOneBy({ engagementId: incident.engagementId });
      const url = payload.target === 'chat' ? config?.chatUrl : config?.ticketingUrl;
      if (!config || !url) return;
      const body = JSON.stringify({
        id: event.id,
        type: event.type,
        at: event.at.toISOString(),
        engagementId: incident.engagementId,
        incident: {
          id: incident.id,
          title: incident.title,
          severity: incident.severity,
          host: incident.host,
        },
        details: event.details,
      });
      const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
      const target = new URL(url);
      let secret: string;
      let addresses: LookupAddress[];
      try {
        secret = await this.secrets.signingSecret(manager, config);
        addresses = await this.targets.vet(target, DELIVERY_TIMEOUT_MS);
      } catch (error: unknown) {
        if (error instanceof SecretCipherError)
          throw await this.refuse(
            outboxId,
            payload,
            incident,
            target,
            `the signing secret does not open (${error.message}); rotate it`,
          );
        if (error instanceof WebhookRefused)
          throw await this.refuse(outboxId, payload, incident, target, error.reason);
        throw error;
      }
      const status = await postToVetted({
        url: target,
        addresses,
        headers: {
          'content-type': 'application/json',
          'x-signature': webhookSignature(secret, body),
          'x-webhook-id': outboxId,
          'x-webhook-event': event.type,
        },
        body,
        timeoutMs: Math.max(1, Math.ceil(deadline - performance.now())),
      });
      if (status < 200 || status > 299)
        throw new Error(`Webhook ${payload.target} answered ${status}`);
    });
  }

  /** Records a delivery that will never be made, and returns the error that ends its job. */
  private async refuse(
    outboxId: string,
    payload: IncidentWebhookPayload,
    incident: Incident,
    target: URL,
    reason: string,
  ): Promise<UnrecoverableError> {
    // The host only: a chat URL's path often is a credential itself.
    const host = target.host;
    this.logger.warn(
      `Incident webhook ${outboxId} (${payload.target}, engagement ${incident.engagementId}, host ${host}) refused: ${reason}`,
    );
    await this.tx.run(async (manager) => {
      const engagement = await manager
        .getRepository(Engagement)
        .findOneByOrFail({ id: incident.engagementId });
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'incident.webhook_refused',
        subjectType: 'incident',
        subjectId: incident.id,
        organisationId: engagement.customerOrganisationId,
        engagementId: engagement.id,
        changes: { outboxId, eventId: payload.eventId, target: payload.target, host, reason },
      });
    });
    return new UnrecoverableError(`Webhook ${payload.target} refused: ${reason}`);
  }
}
