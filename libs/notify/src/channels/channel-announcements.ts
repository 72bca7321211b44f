import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxService } from '../outbox/outbox.service';
import { ChannelAnnouncement, ChannelEvent } from './channel-events';
import { NotificationChannel } from './notification-channel.entity';

/**
 * Where producers (workflow, incidents) tell an engagement's chat channels of a happening, in
 * the transaction of the change: one outbox message per channel that chose the event, keyed by
 * channel and happening, so each channel hears of it once however often this is called.
 */
@Injectable()
export class ChannelAnnouncements {
  constructor(private readonly outbox: OutboxService) {}

  /** Whether any channel of the engagement listens for `event` (so producers load facts only then). */
  async listening(
    manager: EntityManager,
    engagementId: string,
    event: ChannelEvent,
  ): Promise<NotificationChannel[]> {
    return manager
      .getRepository(NotificationChannel)
      .createQueryBuilder('c')
      .where('c.engagement_id = :engagementId AND :event = ANY(c.events)', { engagementId, event })
      .orderBy('c.created_at')
      .getMany();
  }

  async announce(
    manager: EntityManager,
    engagementId: string,
    announcement: ChannelAnnouncement,
    channels?: NotificationChannel[],
  ): Promise<void> {
    const targets = channels ?? (await this.listening(manager, engagementId, announcement.event));
    for (const channel of targets) {
      await this.outbox.add(
        manager,
        'channel-message',
        { channelId: channel.id, announcement },
        { dedupeKey: `channel:${channel.id}:${announcement.event}:${announcement.key}` },
      );
    }
  }
}
