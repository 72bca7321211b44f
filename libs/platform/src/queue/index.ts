export * from './queue-root';
export * from './queue-health.indicator';
export * from './queue.module';
