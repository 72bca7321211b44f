import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { JobName, JobPayloads } from './job-payloads';
import { OutboxMessage } from './outbox-message.entity';

export interface OutboxOptions {
  /**
   * Run the job no earlier than this (real time). The relay still enqueues it at once, as a
   * BullMQ delayed job, so it waits in Redis (or embedded PostgreSQL) across worker restarts.
   */
  runAt?: Date;
  /**
   * Write the message at most once per key, e.g. `reminder:<stepId>:<openedAtMs>:<n>`. A second
   * add with the same key, from this or any other process, writes nothing and returns the id
   * of the message already holding the key (waiting for its transaction if it is in flight).
   */
  dedupeKey?: string;
}

/** Records jobs to run after the caller's transaction commits, and only if it commits. */
@Injectable()
export class OutboxService {
  /**
   * Writes the message with the caller's transaction manager (from `TransactionRunner.run`).
   * Returns the outbox id, which becomes the BullMQ job id.
   */
  async add<N extends JobName>(
    manager: EntityManager,
    jobName: N,
    payload: JobPayloads[N],
    options: OutboxOptions = {},
  ): Promise<string> {
    // Outside a transaction the message could be sent for a change that then fails.
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.add must be called inside a transaction');
    }
    const { runAt, dedupeKey } = options;
    if (runAt !== undefined && Number.isNaN(runAt.getTime())) {
      throw new Error(`OutboxService.add: invalid runAt for ${jobName}`);
    }
    const id = randomUUID();
    const values = { id, jobName, payload, runAt: runAt ?? null, dedupeKey: dedupeKey ?? null };
    if (dedupeKey === undefined) {
      await manager.insert(OutboxMessage, values);
      return id;
    }
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxMessage)
      .values(values)
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((inserted.raw as unknown[]).length > 0) return id;
    const existing = await manager.findOneByOrFail(OutboxMessage, { dedupeKey });
    return existing.id;
  }

  /**
   * Takes back a keyed message that has not been relayed yet, e.g. one written earlier in the
   * same transaction that a more specific message replaces. Returns whether one was removed.
   */
  async withdraw(manager: EntityManager, dedupeKey: string): Promise<boolean> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.withdraw must be called inside a transaction');
    }
    const result = await manager.delete(OutboxMessage, { dedupeKey, dispatchedAt: IsNull() });
    return (result.affected ?? 0) > 0;
  }
}
