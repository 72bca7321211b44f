import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Every state change is one transaction: the change, its audit record and any outbox message
 * commit together or not at all. READ COMMITTED, set for every session by the connection's
 * options (buildDataSourceOptions), so no transaction spends a round trip on SET TRANSACTION.
 */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
