import { Injectable } from '@nestjs/common';
import { IncidentWebhookPayload, JobHandler, JobHandlerRegistry, NotificationLedger } from '@app/notify';
import { TransactionRunner } from '@app/platform';
import { Incident, IncidentEvent, IncidentWebhookConfig } from '../entities';
import { webhookSignature } from './webhook-signature';

/** A receiver that does not answer in this time is tried again later (the queue's backoff). */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Posts one timeline event to the chat or ticketing URL, signed with the engagement's secret
 * (`X-Signature: sha256=<hex>` over the raw body). A non-2xx answer or a timeout fails the job so
 * BullMQ retries it; a delivered one is recorded so a redelivered job does not post again. The
 * URL and secret are read at delivery: a changed configuration applies to what is still queued.
 */
@Injectable()
export class WebhookDeliveryHandler implements JobHandler<'incident-webhook'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: NotificationLedger,
    registry: JobHandlerRegistry,
  ) {
    registry.register('incident-webhook', this);
  }

  async handle(outboxId: string, payload: IncidentWebhookPayload): Promise<void> {
    await this.ledger.once(outboxId, 'incident-webhook', async () => {
      const manager = this.tx.manager;
      const event = await manager.getRepository(IncidentEvent).findOneBy({ id: payload.eventId });
      if (!event) return;
      const incident = await manager.getRepository(Incident).findOneByOrFail({ id: event.incidentId });
      const config = await manager.getRepository(IncidentWebhookConfig).findOneBy({ engagementId: incident.engagementId });
      const url = payload.target === 'chat' ? config?.chatUrl : config?.ticketingUrl;
      if (!config || !url) return;
      const body = JSON.stringify({
        id: event.id,
        type: event.type,
        at: event.at.toISOString(),
        engagementId: incident.engagementId,
        incident: { id: incident.id, title: incident.title, severity: incident.severity, host: incident.host },
        details: event.details,
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': webhookSignature(config.secret, body), 'x-webhook-id': outboxId, 'x-webhook-event': event.type },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`Webhook ${payload.target} answered ${response.status}`);
    });
  }
}
