import type { DataSourceOptions, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The entity classes and migration classes of the whole product, collected by the caller. */
export interface SchemaParts {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}

/** One way to build TypeORM options: the app, the worker, the CLI and the tests share it. */
export function buildDataSourceOptions(
  url: string,
  parts: SchemaParts,
  poolSize = 10,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Fail fast rather than hang while the database is away.
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
  };
}
