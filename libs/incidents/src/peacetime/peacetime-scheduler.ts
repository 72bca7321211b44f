import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Engagement } from '@app/identity';
import {
  SCHEDULED_JOB_OPTIONS,
  JobHandler,
  JobHandlerRegistry,
  MAIL_QUEUE,
  PeacetimeSyncPayload,
} from '@app/notify';
import { TransactionRunner } from '@app/platform';
import { Queue } from 'bullmq';
import { IncidentContext } from '../services/incident-context';
import { FREQUENCY_CRON } from './peacetime-period';

const PREFIX = 'peacetime:';

export function schedulerId(engagementId: string, stepKey: string): string {
  return `${PREFIX}${engagementId}:${stepKey}`;
}

/**
 * One BullMQ job scheduler per engagement and scheduled activity of its approved peacetime runbook,
 * firing `peacetime-activity` at the start of each period in the service time zone. Upserting is
 * idempotent (the scheduler id is the key), and activities no longer in the runbook, or of a
 * service that is not running, lose their scheduler.
 */
@Injectable()
export class PeacetimeScheduler {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly context: IncidentContext,
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue,
  ) {}

  /**
   * `existing`: every scheduler id in the queue, when the caller syncs many engagements (listed
   * once, not once per engagement, which would make a worker's boot grow with engagements ×
   * schedulers); by default listed here.
   */
  async sync(engagementId: string, existing?: readonly string[]): Promise<string[]> {
    const manager = this.tx.manager;
    const engagement = await manager.getRepository(Engagement).findOneBy({ id: engagementId });
    const runbook =
      engagement?.status === 'active'
        ? await this.context.runbook(manager, engagementId, 'peacetime_runbook')
        : null;
    const timeZone = runbook ? await this.timeZone(engagementId) : 'UTC';
    const wanted = new Map<string, { stepKey: string; pattern: string }>();
    for (const step of runbook?.steps ?? []) {
      if (step.schedule)
        wanted.set(schedulerId(engagementId, step.key), {
          stepKey: step.key,
          pattern: FREQUENCY_CRON[step.schedule.frequency],
        });
    }
    for (const [id, { stepKey, pattern }] of wanted) {
      await this.queue.upsertJobScheduler(
        id,
        { pattern, tz: timeZone },
        {
          name: 'peacetime-activity',
          data: { engagementId, stepKey },
          opts: SCHEDULED_JOB_OPTIONS,
        },
      );
    }
    const mine = `${PREFIX}${engagementId}:`;
    for (const id of existing ?? (await this.schedulerIds())) {
      if (id.startsWith(mine) && !wanted.has(id)) await this.queue.removeJobScheduler(id);
    }
    return [...wanted.keys()];
  }

  /** Every job scheduler id in the queue (all kinds; `sync` keeps to its engagement's). */
  async schedulerIds(): Promise<string[]> {
    return (await this.queue.getJobSchedulers(0, -1)).map((scheduler) => scheduler.key);
  }

  private async timeZone(engagementId: string): Promise<string> {
    try {
      return (await this.context.agreement(this.tx.manager, engagementId)).content.serviceHours
        .timeZone;
    } catch {
      return 'UTC';
    }
  }
}

/** At the service start (through the outbox): the engagement's schedulers. */
@Injectable()
export class PeacetimeSyncHandler implements JobHandler<'peacetime-sync'>, OnApplicationBootstrap {
  private readonly logger = new Logger(PeacetimeSyncHandler.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly scheduler: PeacetimeScheduler,
    registry: JobHandlerRegistry,
  ) {
    registry.register('peacetime-sync', this);
  }

  async handle(_outboxId: string, payload: PeacetimeSyncPayload): Promise<void> {
    await this.scheduler.sync(payload.engagementId);
  }

  /** At worker boot, every running service's schedulers are put right (a runbook may have changed). */
  async onApplicationBootstrap(): Promise<void> {
    const active: { id: string }[] = await this.tx.manager.query(
      `SELECT id FROM engagement WHERE status = 'active' ORDER BY id`,
    );
    const existing = await this.scheduler.schedulerIds();
    for (const { id } of active) {
      await this.scheduler
        .sync(id, existing)
        .catch((error: unknown) =>
          this.logger.warn(`Peacetime schedulers of ${id}: ${String(error)}`),
        );
    }
  }
}
