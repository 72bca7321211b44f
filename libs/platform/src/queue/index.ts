export * from './queue-root';
export * from './embedded-queue-backend';
export * from './queue-health.indicator';
export * from './queue.module';
