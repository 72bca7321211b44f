import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { buildDataSourceOptions, SchemaParts } from './data-source-options';
import { TransactionRunner } from './transaction-runner';

/** TypeORM over `pg`, the same in both modes: embedded mode serves PGlite on a local socket. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(parts: SchemaParts): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) =>
            buildDataSourceOptions(config.databaseUrl, parts, config.databasePoolSize),
        }),
      ],
      providers: [TransactionRunner],
      exports: [TransactionRunner],
    };
  }
}
