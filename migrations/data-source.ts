// The TypeORM CLI's data source (npm run migration:run / migration:generate), server mode.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, loadConfig } from '@app/platform';
import { SCHEMA } from './schema';

const config = loadConfig();
if (config.mode !== 'server') {
  throw new Error('DATABASE_URL must be set: migrations run as their own step only in server mode');
}
export default new DataSource(buildDataSourceOptions(config.databaseUrl, SCHEMA, 2));
