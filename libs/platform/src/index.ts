export * from './config/app-config';
export * from './config/config.module';
export * from './errors';
export * from './database';
export * from './logging/logging.module';
export * from './queue';
export * from './database/embedded-postgres';
export * from './clock';
