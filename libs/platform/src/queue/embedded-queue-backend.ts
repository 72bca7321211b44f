import {
  BackendFactory,
  createPostgresBackend,
  PostgresConnectionOptions,
  PostgresQueueBackend,
} from 'bullmq';

/**
 * BullMQ's PostgreSQL backend with the worker's blocking wait bounded to `maxBlockSeconds`, for
 * embedded mode.
 *
 * Why: an idle worker waits in `waitForJob` for a NOTIFY on its own LISTEN connection, for at
 * most `drainDelay` when no delayed job exists, but once one does, for as long as the earliest
 * delayed job is away, capped at the backend's `maximumBlockTimeout` (3600 s). On a real server
 * the NOTIFY that every `add_job` sends ends that wait at once. Embedded PGlite is ONE session
 * shared by every socket connection, and a notification comes back on the connection whose
 * commit raised it, never on the worker's LISTEN connection. So with a reminder waiting days
 * ahead, a mail added now, or a delayed job due sooner than that reminder, waited up to an hour.
 *
 * Bounding the wait makes the worker look again every `maxBlockSeconds`, whatever waits in the
 * queue: the same polling an idle embedded worker already does with a short `drainDelay`. The
 * backend still shortens a wait to the earliest delayed job's due time, so a due job runs on time.
 */
export function boundedWaitPostgresBackend(
  maxBlockSeconds: number,
): BackendFactory<PostgresQueueBackend, PostgresConnectionOptions> {
  if (!(maxBlockSeconds > 0)) {
    throw new Error(`maxBlockSeconds must be positive, got ${maxBlockSeconds}`);
  }
  return (name, opts, factoryOptions) => {
    const backend = createPostgresBackend(name, opts, factoryOptions);
    // The worker reads this on every wait (Worker.getBlockTimeout); an own property shadows
    // the class's getter.
    Object.defineProperty(backend, 'maximumBlockTimeout', { value: maxBlockSeconds });
    return backend;
  };
}
