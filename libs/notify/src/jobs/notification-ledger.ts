import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Repository } from 'typeorm';
import { JobName } from '../outbox/job-payloads';
import { SentNotification } from './sent-notification.entity';

/**
 * A stable ledger id for a notification known by what it is rather than by the job carrying it,
 * e.g. `step-reminder:<stepId>:<openedAtMs>:<n>:<userId>`: a UUID-shaped digest of the key
 * (version nibble 8, RFC 9562 "custom"), so any job, on any worker, that would send that
 * notification finds the same ledger row.
 */
export function notificationId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Makes a job handler idempotent, keyed by the outbox id or a `notificationId(...)`. No
 * transaction is held while sending: on embedded PGlite (one shared session) that would stall
 * every other connection, the mailer's own among them.
 */
@Injectable()
export class NotificationLedger {
  constructor(
    @InjectRepository(SentNotification) private readonly sent: Repository<SentNotification>,
  ) {}

  /**
   * At least once: check, act, then record. A redelivered job finds the record and does
   * nothing; only a crash between acting and recording can repeat the action. For mail that
   * must arrive (welcome, step opened, escalation, stale approval). Returns whether it ran.
   */
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

  /**
   * At most once: claim (a committed row; of concurrent claimants exactly one wins), then act;
   * a failed send gives the claim back so a retry can send. Only a crash between claiming and
   * sending loses the action. For mail that must never be doubled and is followed by another
   * anyway (reminders). Returns whether it ran.
   */
  async atMostOnce(id: string, jobName: JobName, send: () => Promise<void>): Promise<boolean> {
    const claimed = await this.sent
      .createQueryBuilder()
      .insert()
      .values({ outboxId: id, jobName })
      .orIgnore()
      .returning('outbox_id')
      .updateEntity(false)
      .execute();
    if ((claimed.raw as unknown[]).length === 0) return false;
    try {
      await send();
    } catch (error: unknown) {
      await this.sent.delete({ outboxId: id });
      throw error;
    }
    return true;
  }
}
