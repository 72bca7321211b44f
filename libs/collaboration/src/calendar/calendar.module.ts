import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { ClockModule } from '@app/platform';
import { WorkflowModule } from '@app/workflow';
import { CalendarFeedTokensService } from './calendar-feed-tokens.service';
import { CalendarFeedService } from './calendar-feed.service';
import { CalendarItemsService } from './calendar-items.service';

const SERVICES = [CalendarFeedTokensService, CalendarFeedService, CalendarItemsService];

/** Per-person calendar feeds: the secret link, what it lists, the iCalendar text. */
@Module({
  imports: [AuditModule, IdentityModule, WorkflowModule, ClockModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class CalendarModule {}
