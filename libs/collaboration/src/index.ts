// Working together around an onboarding and its incidents: conversations, evidence files,
// notification preferences and channels, calendars. Above incidents, so it can attach to steps,
// document versions and incidents alike.
export * from './collaboration-errors';
export * from './evidence';
