import { SentNotification } from './jobs/sent-notification.entity';
import { DevMailboxMessage } from './mail/dev-mailbox-message.entity';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { NotificationChannel } from './channels/notification-channel.entity';
import { HeldNotification } from './preferences/held-notification.entity';
import { NotificationDigest } from './preferences/notification-digest.entity';
import { NotificationPreference } from './preferences/notification-preference.entity';

/** The entity classes of this lib, for the root DataSource's entity list. */
export const NOTIFY_ENTITIES = [
  OutboxMessage,
  SentNotification,
  DevMailboxMessage,
  NotificationPreference,
  HeldNotification,
  NotificationDigest,
  NotificationChannel,
];
