export * from './error-codes';
export * from './domain-exception';
export * from './validation-pipe';
export * from './unrepresentable-input';
export * from './error-body';
export * from './all-exceptions.filter';
export * from './database-unavailable';
