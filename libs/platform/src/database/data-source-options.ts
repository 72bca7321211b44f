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
    extra: {
      max: poolSize,
      // Fail fast rather than hang while the database is away.
      connectionTimeoutMillis: 5000,
      // `endpoint` has a partition per engagement. A cached generic plan (plpgsql, and the
      // foreign-key checks of the tables that reference endpoint) would be planned over every
      // partition and lock them all: measured at 2,000 engagements, 0.6 s and 6,000 locks once
      // per session and constraint. Custom plans prune to the engagement's partition.
      // Every transaction is READ COMMITTED (TransactionRunner): set once per session here,
      // whatever the server's default, not by a SET TRANSACTION in every transaction.
      options:
        '-c plan_cache_mode=force_custom_plan -c default_transaction_isolation=read\\ committed',
    },
  };
}
