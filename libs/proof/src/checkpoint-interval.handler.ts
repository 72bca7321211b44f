import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { SCHEDULED_JOB_OPTIONS, JobHandler, JobHandlerRegistry, MAIL_QUEUE } from '@app/notify';
import { APP_CONFIG, AppConfig, TransactionRunner } from '@app/platform';
import { Queue } from 'bullmq';
import { CheckpointService } from './checkpoint.service';

const AUDIT_CHECKPOINT_SCHEDULER = 'audit-checkpoint';

/**
 * The cron pattern (UTC) of an interval that divides an hour or a day: every N minutes from the
 * full hour, every N hours from midnight, or daily at 00:10 (after the nightly classification
 * refresh). A pattern, unlike `every`, does not fire at each worker's boot.
 */
export function checkpointPattern(minutes: number): string {
  if (minutes < 60) return `*/${minutes} * * * *`;
  if (minutes < 1440) return `0 */${minutes / 60} * * *`;
  return '10 0 * * *';
}

/**
 * Every CHECKPOINT_INTERVAL_MINUTES (at fixed UTC times) a checkpoint of all chain heads is signed, and every
 * engagement whose chain moved since its last statement is sent a new one. Nothing is signed
 * when no chain moved since the last checkpoint of any kind.
 */
@Injectable()
export class CheckpointIntervalHandler
  implements JobHandler<'audit-checkpoint'>, OnApplicationBootstrap
{
  constructor(
    private readonly tx: TransactionRunner,
    private readonly checkpoints: CheckpointService,
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    registry: JobHandlerRegistry,
  ) {
    registry.register('audit-checkpoint', this);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      AUDIT_CHECKPOINT_SCHEDULER,
      { pattern: checkpointPattern(this.config.checkpointIntervalMinutes), tz: 'UTC' },
      {
        name: 'audit-checkpoint',
        data: {},
        opts: SCHEDULED_JOB_OPTIONS,
      },
    );
  }

  async handle(): Promise<void> {
    await this.tx.run(async (manager) => {
      // One checkpoint at a time, however many workers run the schedule.
      await manager.query(`SELECT pg_advisory_xact_lock(7245020)`);
      const [moved] = (await manager.query(
        `SELECT EXISTS (SELECT 1 FROM audit_chain_head h WHERE h.updated_at > COALESCE((SELECT max(issued_at) FROM audit_checkpoint), '-infinity')) AS moved`,
      )) as { moved: boolean }[];
      if (moved.moved) await this.checkpoints.issue(manager, 'interval');
    });
  }
}
