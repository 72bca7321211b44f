import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig, TransactionRunner } from '@app/platform';
import { Queue } from 'bullmq';
import { EntityManager } from 'typeorm';
import { JobName } from './job-payloads';
import { DEFAULT_JOB_OPTIONS, JOB_QUEUES, MAIL_QUEUE, NotifyQueueName } from './job-routing';
import { OutboxMessage } from './outbox-message.entity';
import { reconcileIntervalMs, reconcileOutbox } from './outbox-reconciler';
import { withTimeout } from './with-timeout';

/** Rows claimed per transaction; a full batch makes the poller go again at once. */
const OUTBOX_BATCH_SIZE = 100;
/** Bounds a tick while Redis is away, so shutdown and the row locks are not held for long. */
const ENQUEUE_TIMEOUT_MS = 10_000;
/** How long claimed rows are left to the relay that claimed them (matters only if it dies). */
const CLAIM_LEASE_MS = 60_000;
/** The longest a failing message waits before its next try. */
const MAX_RETRY_DELAY_MS = 5 * 60_000;

function isJobName(value: string): value is JobName {
  return Object.prototype.hasOwnProperty.call(JOB_QUEUES, value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so any
 * number of relays can run at once, and enqueued with the outbox id as job id, so a relay that
 * dies between enqueueing and marking only repeats an add that BullMQ ignores. A row with a
 * `runAt` is enqueued at once with the remaining time as the BullMQ delay.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues: Readonly<Record<NotifyQueueName, Queue>>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private lastReconcile = -Infinity;
  // Lets shutdown stop waiting for an enqueue that hangs while Redis is away.
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    @InjectQueue(MAIL_QUEUE) mailQueue: Queue,
  ) {
    this.queues = { [MAIL_QUEUE]: mailQueue };
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Stops polling and waits for a tick in progress, before the queues and pool are closed. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.shutdown.abort();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Relays one batch; returns how many messages were enqueued. Throws if the claim fails. */
  async relayOnce(limit: number = OUTBOX_BATCH_SIZE): Promise<number> {
    const claimed = await this.claim(limit);
    const sent: string[] = [];
    let failed = false;
    for (const message of claimed) {
      if (failed) break;
      try {
        const signal = this.shutdown.signal;
        await withTimeout(this.enqueue(message), ENQUEUE_TIMEOUT_MS, 'enqueue', signal);
        sent.push(message.id);
      } catch (error: unknown) {
        await this.recordFailure(this.transactions.manager, message, error);
        // Most failures (Redis away) hit every message alike: leave the rest for the next tick.
        failed = true;
      }
    }
    const manager = this.transactions.manager;
    if (sent.length > 0) {
      // Marked sent, and the lease ends.
      await manager.update(OutboxMessage, sent, {
        dispatchedAt: () => 'now()',
        availableAt: () => 'now()',
      });
    }
    const untried = claimed.slice(sent.length + (failed ? 1 : 0)).map((m) => m.id);
    if (untried.length > 0) {
      await manager.update(OutboxMessage, untried, { availableAt: () => 'now()' });
    }
    return sent.length;
  }

  /**
   * Claims pending rows (FOR UPDATE SKIP LOCKED) and leases them in one short transaction, so
   * other relays leave them alone while this one enqueues them with no transaction open. Holding
   * a transaction across the enqueue would deadlock embedded PGlite, whose one session belongs
   * to a connection for as long as it has a transaction open, while BullMQ's PostgreSQL backend
   * needs connections of its own. Should this relay die, the lease runs out and another relay
   * enqueues the rows again, which BullMQ ignores for a job id it already has.
   */
  private claim(limit: number): Promise<OutboxMessage[]> {
    return this.transactions.run(async (manager) => {
      const claimed = await manager
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.dispatchedAt IS NULL')
        .andWhere('m.availableAt <= now()')
        .orderBy('m.createdAt', 'ASC')
        .addOrderBy('m.id', 'ASC')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (claimed.length > 0) {
        await manager.update(
          OutboxMessage,
          claimed.map((m) => m.id),
          { availableAt: () => `now() + interval '${CLAIM_LEASE_MS} milliseconds'` },
        );
      }
      return claimed;
    });
  }

  private async enqueue(message: OutboxMessage): Promise<void> {
    if (!isJobName(message.jobName)) {
      throw new Error(`Unknown job name "${message.jobName}"`);
    }
    const queue = this.queues[JOB_QUEUES[message.jobName]];
    // A delayed message waits in the queue backend, not here: it survives worker restarts, and
    // the job id still makes a repeated add a no-op.
    // run_at is a real instant (see realRunAt), so the delay is measured against the real time.
    // eslint-disable-next-line no-restricted-syntax
    const delay = message.runAt === null ? 0 : Math.max(0, message.runAt.getTime() - Date.now());
    await queue.add(message.jobName, message.payload, {
      ...DEFAULT_JOB_OPTIONS,
      jobId: message.id,
      ...(delay > 0 ? { delay } : {}),
    });
  }

  private async recordFailure(
    manager: EntityManager,
    message: OutboxMessage,
    error: unknown,
  ): Promise<void> {
    const attempts = message.attempts + 1;
    const delayMs = Math.min(this.config.outboxPollMs * 2 ** attempts, MAX_RETRY_DELAY_MS);
    this.logger.warn(
      `Outbox message ${message.id} (${message.jobName}) not enqueued, attempt ${attempts}, ` +
        `retrying in ${delayMs} ms: ${describe(error)}`,
    );
    await manager.update(OutboxMessage, message.id, {
      attempts,
      lastError: describe(error).slice(0, 2000),
      availableAt: () => `now() + interval '${delayMs} milliseconds'`,
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.tick().finally(() => {
        this.running = null;
        this.schedule();
      });
    }, this.config.outboxPollMs);
  }

  /**
   * Hands messages the queue backend may have lost back to the relay (see reconcileOutbox).
   * Returns how many were handed back.
   */
  async reconcileOnce(): Promise<number> {
    const handed = await reconcileOutbox(
      this.transactions.manager,
      this.config.outboxReconcileAfterMs,
    );
    const due = handed.filter((m) => !m.notYetDue).length;
    if (due > 0) {
      this.logger.warn(
        `${due} outbox message(s) relayed over ${this.config.outboxReconcileAfterMs} ms ` +
          'ago and not completed: enqueueing them again (a no-op for jobs the queue still has)',
      );
    }
    // Delayed jobs waiting for their time are expected; re-adding them only guards against loss.
    if (handed.length > due) {
      this.logger.debug(
        `${handed.length - due} delayed outbox message(s) not yet due: enqueued again in case the ` +
          'queue lost them (a no-op for jobs it still has)',
      );
    }
    return handed.length;
  }

  private async tick(): Promise<void> {
    try {
      const interval = reconcileIntervalMs(
        this.config.outboxReconcileAfterMs,
        this.config.outboxPollMs,
      );
      if (performance.now() - this.lastReconcile >= interval) {
        this.lastReconcile = performance.now();
        await this.reconcileOnce();
      }
      // Drain a backlog without waiting a poll interval between full batches.
      let relayed = OUTBOX_BATCH_SIZE;
      while (!this.stopped && relayed === OUTBOX_BATCH_SIZE) relayed = await this.relayOnce();
    } catch (error: unknown) {
      // The database or Redis is away: nothing was marked, so the next tick tries again.
      this.logger.error(`Outbox relay failed: ${describe(error)}`);
    }
  }
}
