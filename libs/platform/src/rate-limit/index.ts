export * from './fixed-window';
export * from './rate-limit-hit.entity';
export * from './rate-limiter';
export * from './rate-limited.decorator';
export * from './rate-limit.module';
