import { EntityManager } from 'typeorm';

/** Rows handed back per pass; the next pass takes the rest. */
const RECONCILE_BATCH_SIZE = 500;

/**
 * Only messages due within this horizon are reconciled. BullMQ keeps a finished job's id for
 * 7 days (completed) or 30 days (failed for good), so inside the horizon a job the queue still
 * has is never run again by a re-add: in particular a job that failed for good stays failed.
 */
const RECONCILE_HORIZON_MS = 7 * 24 * 3600_000;

/** A message handed back to the relay by the reconciliation pass. */
export interface ReconciledMessage {
  id: string;
  /**
   * Its `run_at` is still ahead: a delayed job that the queue most likely still holds, re-added
   * in case it lost it (so that it still runs on time). Otherwise the message is due and was
   * not completed: its job was probably lost.
   */
  notYetDue: boolean;
}

/**
 * Hands relayed-but-unfinished outbox messages back to the relay. A message is marked
 * `dispatched_at` once BullMQ accepted its job and `completed_at` once a handler succeeded; if
 * the queue backend lost the job in between (Redis restarted without persistence), nothing
 * would ever run it. So a message dispatched more than `afterMs` ago and not completed is made
 * pending again (`dispatched_at` NULL) and the relay enqueues it once more under the same job
 * id: a job BullMQ still has (waiting, delayed, active, completed, failed) makes that add a
 * no-op, and a lost one is recreated. The handlers' NotificationLedger keeps a job that did
 * run, but whose completion was not recorded, from sending twice. Rows are taken with SKIP
 * LOCKED, so any number of relays can reconcile at once. Due messages go first: delayed ones
 * not yet due come round every pass too, and however many of them wait, a lost mail must not
 * queue behind them. Returns the messages handed back.
 */
export async function reconcileOutbox(
  manager: EntityManager,
  afterMs: number,
  limit: number = RECONCILE_BATCH_SIZE,
): Promise<ReconciledMessage[]> {
  const rows: unknown = await manager.query(
    `UPDATE outbox_message SET dispatched_at = NULL, available_at = now()
      WHERE id IN (
        SELECT id FROM outbox_message
         WHERE dispatched_at IS NOT NULL AND completed_at IS NULL
           AND dispatched_at < now() - make_interval(secs => $1::double precision / 1000)
           AND coalesce(run_at, created_at) > now() - make_interval(secs => $2::double precision / 1000)
         ORDER BY coalesce(run_at > now(), false), dispatched_at
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
      RETURNING id, coalesce(run_at > now(), false) AS not_yet_due`,
    [afterMs, RECONCILE_HORIZON_MS, limit],
  );
  // TypeORM's postgres driver answers an UPDATE ... RETURNING with [rows, affectedCount].
  const list =
    Array.isArray(rows) && Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
  return list.map((row) => {
    const { id, not_yet_due } = row as { id: string; not_yet_due: boolean };
    return { id: String(id), notYetDue: not_yet_due === true };
  });
}

/** How often a relay runs the pass: often enough to act soon after `afterMs`, at most twice a minute. */
export function reconcileIntervalMs(afterMs: number, pollMs: number): number {
  return Math.max(pollMs, Math.min(afterMs / 2, 30_000));
}
