import { CalendarFeedToken } from './calendar/calendar-feed-token.entity';
import { CalendarItemRevision } from './calendar/calendar-item-revision.entity';

export { CalendarFeedToken, CalendarItemRevision };

export const COLLABORATION_ENTITIES = [CalendarFeedToken, CalendarItemRevision];
