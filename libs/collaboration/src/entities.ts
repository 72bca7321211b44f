import { CalendarFeedToken } from './calendar/calendar-feed-token.entity';
import { CalendarItemRevision } from './calendar/calendar-item-revision.entity';
import { EVIDENCE_ENTITIES } from './evidence/evidence-attachment.entity';

export { CalendarFeedToken, CalendarItemRevision };

export const COLLABORATION_ENTITIES = [
  CalendarFeedToken,
  CalendarItemRevision,
  ...EVIDENCE_ENTITIES,
];
