import { SentNotification } from './jobs/sent-notification.entity';
import { DevMailboxMessage } from './mail/dev-mailbox-message.entity';
import { OutboxMessage } from './outbox/outbox-message.entity';

/** The entity classes of this lib, for the root DataSource's entity list. */
export const NOTIFY_ENTITIES = [OutboxMessage, SentNotification, DevMailboxMessage];
