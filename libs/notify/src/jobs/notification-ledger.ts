import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { IsNull, Not, Repository } from 'typeorm';
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
    // How long a claimed send is left to the run that claimed it: longer than any SMTP exchange
    // takes, short enough that a crashed worker's claim does not hold its notification for long.
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * At least once: claim, act, then record. A redelivered job finds the record and does
   * nothing; only a crash between acting and recording can repeat the action. The claim is a
   * ledger row marked in progress (`sending_until`): a second run of the same notification at
   * the same moment (a stalled job handed to another worker while the first still sends) finds
   * it and fails with a retryable error instead of sending too; by its retry the first has
   * recorded the send. A claim left by a crashed worker runs out after NOTIFICATION_SEND_LEASE_MS. A failed
   * send gives the claim back. For mail that must arrive (welcome, step opened, escalation,
   * stale approval). Returns whether it ran.
   */
  async once(outboxId: string, jobName: JobName, send: () => Promise<void>): Promise<boolean> {
    const claimed = (await this.sent.query(
      `INSERT INTO sent_notification (outbox_id, job_name, sending_until)
       VALUES ($1, $2, now() + make_interval(secs => $3::double precision / 1000))
       ON CONFLICT (outbox_id) DO UPDATE
         SET sending_until = EXCLUDED.sending_until, sent_at = now()
         WHERE sent_notification.sending_until IS NOT NULL AND sent_notification.sending_until < now()
       RETURNING outbox_id`,
      [outboxId, jobName, this.config.notificationSendLeaseMs],
    )) as unknown[];
    if (claimed.length === 0) {
      const row = await this.sent.findOneBy({ outboxId });
      if (row === null || row.sendingUntil === null) return false; // sent already
      throw new Error(`Notification ${outboxId} is being sent by another run; retrying later`);
    }
    try {
      await send();
    } catch (error: unknown) {
      await this.sent.delete({ outboxId, sendingUntil: Not(IsNull()) });
      throw error;
    }
    await this.sent.update({ outboxId }, { sendingUntil: null, sentAt: () => 'now()' });
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
