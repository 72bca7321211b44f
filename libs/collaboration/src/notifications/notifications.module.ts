import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { NotifyModule } from '@app/notify';
import { NotificationSettingsService } from './notification-settings.service';

/** For the API: a person's notification settings (the page and `/api/me/notification-preferences`). */
@Module({
  imports: [AuditModule, NotifyModule],
  providers: [NotificationSettingsService],
  exports: [NotificationSettingsService],
})
export class NotificationsModule {}
