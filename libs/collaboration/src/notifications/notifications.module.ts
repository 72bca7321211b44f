import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { IncidentsModule } from '@app/incidents';
import { NotifyModule } from '@app/notify';
import { ChannelUrls } from './channel-urls';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationSettingsService } from './notification-settings.service';

/**
 * For the API: a person's notification settings (`/account/notifications`,
 * `/api/me/notification-preferences`) and an engagement's Slack and Teams channels.
 */
@Module({
  imports: [AuditModule, NotifyModule, IdentityModule, IncidentsModule],
  providers: [NotificationSettingsService, NotificationChannelsService, ChannelUrls],
  exports: [NotificationSettingsService, NotificationChannelsService, ChannelUrls],
})
export class NotificationsModule {}
