import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ReaderZones } from '@app/identity';
import {
  DEFAULT_DIGEST_HOUR,
  SCHEDULED_JOB_OPTIONS,
  JobHandler,
  JobHandlerRegistry,
  MAIL_QUEUE,
  OutboxService,
} from '@app/notify';
import { Clock, TransactionRunner } from '@app/platform';
import { Queue } from 'bullmq';
import { dueDigestDay } from './digest-day';

export const NOTIFICATION_DIGESTS_SCHEDULER = 'notification-digests';
/** Every quarter hour, so zones a half or quarter hour off UTC get theirs at their hour too. */
const EVERY_QUARTER_HOUR = '*/15 * * * *';

/**
 * Composes the daily digests that are due: for each person with notifications held for their
 * digest whose local digest hour has come (business clock, their reader zone), one digest of
 * their local day takes everything held so far and its mail is written to the outbox. The
 * digest row is unique per person and day and is inserted first, in the same transaction as
 * the rest: of two workers (or a retry) only one composes it, and its mail is written once.
 */
@Injectable()
export class NotificationDigestsHandler
  implements JobHandler<'notification-digests'>, OnApplicationBootstrap
{
  private readonly logger = new Logger(NotificationDigestsHandler.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly zones: ReaderZones,
    private readonly clock: Clock,
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue,
    registry: JobHandlerRegistry,
  ) {
    registry.register('notification-digests', this);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      NOTIFICATION_DIGESTS_SCHEDULER,
      { pattern: EVERY_QUARTER_HOUR, tz: 'UTC' },
      {
        name: 'notification-digests',
        data: {},
        opts: SCHEDULED_JOB_OPTIONS,
      },
    );
  }

  async handle(): Promise<void> {
    const now = this.clock.now();
    const waiting = (await this.tx.manager.query(
      `SELECT DISTINCT h.user_id AS "userId", p.digest_hour AS "digestHour"
         FROM held_notification h
         LEFT JOIN notification_preference p ON p.user_id = h.user_id
        WHERE h.delivery = 'digest' AND h.digest_id IS NULL AND h.held_at <= $1
        ORDER BY h.user_id`,
      [now],
    )) as { userId: string; digestHour: number | null }[];
    let failed = 0;
    for (const person of waiting) {
      try {
        const zone = await this.zones.ofUser(person.userId);
        const day = dueDigestDay(now, zone, person.digestHour ?? DEFAULT_DIGEST_HOUR);
        if (day !== null) await this.compose(person.userId, day, now);
      } catch (error: unknown) {
        failed += 1;
        this.logger.warn(`The digest of user ${person.userId} failed: ${String(error)}`);
      }
    }
    if (failed > 0) throw new Error(`${failed} of ${waiting.length} digests were not composed`);
  }

  private async compose(userId: string, day: string, now: Date): Promise<void> {
    await this.tx.run(async (manager) => {
      const claimed = (await manager.query(
        `INSERT INTO notification_digest (user_id, digest_date, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, digest_date) DO NOTHING RETURNING id`,
        [userId, day, now],
      )) as { id: string }[];
      const digestId = claimed[0]?.id;
      if (digestId === undefined) return; // today's digest is composed already
      await manager.query(
        `UPDATE held_notification SET digest_id = $1
          WHERE user_id = $2 AND delivery = 'digest' AND digest_id IS NULL AND held_at <= $3`,
        [digestId, userId, now],
      );
      await this.outbox.add(
        manager,
        'notification-digest-mail',
        { digestId },
        { dedupeKey: `notification-digest:${digestId}` },
      );
    });
  }
}
