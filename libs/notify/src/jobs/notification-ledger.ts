import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { JobName } from '../outbox/job-payloads';
import { SentNotification } from './sent-notification.entity';

/**
 * Makes a job handler idempotent: check, act, then record. A redelivered job finds the record
 * and does nothing; only a crash between acting and recording can repeat the action.
 */
@Injectable()
export class NotificationLedger {
  constructor(
    @InjectRepository(SentNotification) private readonly sent: Repository<SentNotification>,
  ) {}

  /** Runs `send` unless this outbox message was already sent; returns whether it ran. */
  async once(outboxId: string, jobName: JobName, send: () => Promise<void>): Promise<boolean> {
    if (await this.sent.existsBy({ outboxId })) return false;
    await send();
    await this.sent
      .createQueryBuilder()
      .insert()
      .values({ outboxId, jobName })
      .orIgnore()
      .execute();
    return true;
  }
}
