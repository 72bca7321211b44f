import { Inject, Injectable } from '@nestjs/common';
import { Engagement, Organisation, ReaderZones, User } from '@app/identity';
import {
  DetectionNotificationPayload,
  JobHandler,
  JobHandlerRegistry,
  notificationId,
  NotificationLedger,
  resolveLanguage,
  TemplatedMailer,
} from '@app/notify';
import { APP_CONFIG, AppConfig, TransactionRunner } from '@app/platform';
import { detailsText, formatDetectedAt, severityLabel } from './detection-mail-labels';
import { Detection } from './detection.entity';

/**
 * Mails one recipient about one detection, in their language, as they prefer for detections
 * (at once, in their digest, or only recorded: the detection is on the portal's list either
 * way). The ledger key is the detection and the recipient, so neither a retried job nor a
 * second message for the pair sends twice.
 */
@Injectable()
export class DetectionNotificationHandler implements JobHandler<'detection-notification'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly ledger: NotificationLedger,
    private readonly mail: TemplatedMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly zones: ReaderZones,
    registry: JobHandlerRegistry,
  ) {
    registry.register('detection-notification', this);
  }

  async handle(_outboxId: string, payload: DetectionNotificationPayload): Promise<void> {
    const manager = this.tx.manager;
    const detection = await manager.getRepository(Detection).findOneBy({ id: payload.detectionId });
    const user = await manager.getRepository(User).findOneBy({ id: payload.userId });
    if (detection === null || user === null) return;
    const engagement = await manager
      .getRepository(Engagement)
      .findOneByOrFail({ id: detection.engagementId });
    const customer = await manager
      .getRepository(Organisation)
      .findOneByOrFail({ id: engagement.customerOrganisationId });
    const language = resolveLanguage(user.language);
    const key = notificationId(`detection-notification:${detection.id}:${user.id}`);
    const link = `${this.config.publicUrl}/engagements/${engagement.id}/notification-routing#detections`;
    await this.ledger.once(key, 'detection-notification', async () => {
      await this.mail.sendPreferred(
        { userId: user.id, email: user.email, notificationId: key, kind: 'detection', link },
        'detection-notification',
        language,
        {
          displayName: user.displayName,
          customerName: customer.name,
          title: detection.title,
          severity: severityLabel(detection.severity, language),
          hostname: detection.hostname,
          country: detection.country,
          site: detection.site,
          detectedAt: formatDetectedAt(
            detection.detectedAt,
            language,
            await this.zones.ofUser(user.id, manager),
          ),
          details: detailsText(detection.details),
          edrDetectionId: detection.edrDetectionId,
          byCountry: payload.reason === 'country',
          toHeadquarters: payload.reason === 'headquarters',
          asFallback: payload.reason === 'fallback',
          link,
        },
      );
    });
  }
}
