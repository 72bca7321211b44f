export * from './snake-naming.strategy';
export * from './data-source-options';
export * from './transaction-runner';
export * from './database.module';
export * from './run-migrations';
