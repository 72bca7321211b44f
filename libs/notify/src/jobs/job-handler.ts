import { JobName, JobPayloads } from '../outbox/job-payloads';

/** Handles one job name. `outboxId` is the BullMQ job id and the idempotency key. */
export interface JobHandler<N extends JobName> {
  handle(outboxId: string, payload: JobPayloads[N]): Promise<void>;
}
