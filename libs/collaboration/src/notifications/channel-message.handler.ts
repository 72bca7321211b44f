import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Engagement, SYSTEM_ACTOR } from '@app/identity';
import { postToVetted, WebhookRefused, WebhookTargets } from '@app/incidents';
import {
  ChannelMessagePayload,
  JobHandler,
  JobHandlerRegistry,
  NotificationChannel,
  NotificationLedger,
} from '@app/notify';
import { APP_CONFIG, AppConfig, SecretCipherError, TransactionRunner } from '@app/platform';
import { UnrecoverableError } from 'bullmq';
import { channelMessage } from './channel-message-format';
import { ChannelUrls } from './channel-urls';

/** A channel that does not answer in this time (name resolved and post made) is tried again later. */
const DELIVERY_TIMEOUT_MS = 10_000;

/**
 * Posts one announcement to one Slack or Teams channel, formatted for it, through the incident
 * webhooks' vetted posting (public addresses only, connected to the addresses judged). Once:
 * the ledger claims the job's outbox id before posting and records it after, and the outbox
 * wrote the message once per channel and happening. A non-2xx answer or a timeout is retried;
 * a refused host or a URL that no longer opens ends the job for good, audited. A channel removed
 * meanwhile is told nothing.
 */
@Injectable()
export class ChannelMessageHandler implements JobHandler<'channel-message'> {
  private readonly logger = new Logger(ChannelMessageHandler.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: NotificationLedger,
    private readonly urls: ChannelUrls,
    private readonly targets: WebhookTargets,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    registry: JobHandlerRegistry,
  ) {
    registry.register('channel-message', this);
  }

  async handle(outboxId: string, payload: ChannelMessagePayload): Promise<void> {
    const channel = await this.tx.manager
      .getRepository(NotificationChannel)
      .findOneBy({ id: payload.channelId });
    if (channel === null) return;
    await this.ledger.once(outboxId, 'channel-message', async () => {
      const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
      let url: URL;
      let addresses: Awaited<ReturnType<WebhookTargets['vet']>>;
      try {
        url = await this.urls.open(channel.id, channel.urlSealed);
        addresses = await this.targets.vet(url, DELIVERY_TIMEOUT_MS);
      } catch (error: unknown) {
        if (error instanceof SecretCipherError)
          throw await this.refuse(outboxId, channel, `its URL does not open (${error.message})`);
        if (error instanceof WebhookRefused)
          throw await this.refuse(outboxId, channel, error.reason);
        throw error;
      }
      const link = `${this.config.publicUrl}${payload.announcement.path}`;
      const body = JSON.stringify(
        channelMessage(channel.provider, url, payload.announcement, channel.language, link),
      );
      const status = await postToVetted({
        url,
        addresses,
        headers: { 'content-type': 'application/json', 'x-mdr-notification-id': outboxId },
        body,
        timeoutMs: Math.max(1, Math.ceil(deadline - performance.now())),
      });
      if (status < 200 || status > 299)
        throw new Error(`Channel ${channel.id} (${channel.provider}) answered ${status}`);
    });
  }

  /** Records a message that will never be posted, and returns the error that ends its job. */
  private async refuse(
    outboxId: string,
    channel: NotificationChannel,
    reason: string,
  ): Promise<UnrecoverableError> {
    this.logger.warn(
      `Channel message ${outboxId} (channel ${channel.id}, engagement ${channel.engagementId}) refused: ${reason}`,
    );
    await this.tx.run(async (manager) => {
      const engagement = await manager
        .getRepository(Engagement)
        .findOneByOrFail({ id: channel.engagementId });
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'engagement.notification_channel_refused',
        subjectType: 'engagement',
        subjectId: engagement.id,
        organisationId: engagement.customerOrganisationId,
        engagementId: engagement.id,
        changes: { outboxId, channelId: channel.id, reason },
      });
    });
    return new UnrecoverableError(`Channel message refused: ${reason}`);
  }
}
