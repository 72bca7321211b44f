import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { JobName, JobPayloads } from './job-payloads';
import { OutboxMessage } from './outbox-message.entity';

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
  ): Promise<string> {
    // Outside a transaction the message could be sent for a change that then fails.
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('OutboxService.add must be called inside a transaction');
    }
    const id = randomUUID();
    await manager.insert(OutboxMessage, { id, jobName, payload });
    return id;
  }
}
