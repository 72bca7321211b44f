import { CalendarFeedToken } from './calendar/calendar-feed-token.entity';
import { CalendarItemRevision } from './calendar/calendar-item-revision.entity';
import { CONVERSATION_ENTITIES } from './conversations/entities';

export { CalendarFeedToken, CalendarItemRevision };

export const COLLABORATION_ENTITIES = [
  CalendarFeedToken,
  CalendarItemRevision,
  ...CONVERSATION_ENTITIES,
];
