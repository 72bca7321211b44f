// Working together around an onboarding and its incidents: conversations, evidence files,
// notification preferences and channels, calendars. Above incidents, so it can attach to steps,
// document versions and incidents alike.
export * from './collaboration-errors';
export * from './conversations';
export * from './notifications/notifications.module';
export * from './notifications/notifications-worker.module';
export * from './notifications/notification-settings.service';
export * from './notifications/notification-channels.service';
export * from './entities';
export * from './calendar/ics-writer';
export * from './calendar/calendar-labels';
export * from './calendar/calendar-dates';
export * from './calendar/calendar-items.service';
export * from './calendar/calendar-feed-tokens.service';
export * from './calendar/calendar-feed.service';
export * from './calendar/calendar.module';
export * from './readiness/readiness-labels';
export * from './readiness/readiness.service';
export * from './readiness/readiness-document';
export * from './readiness/readiness-pdf.service';
export * from './readiness/readiness.module';
export * from './collaboration-errors';
export * from './evidence';
