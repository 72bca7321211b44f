import type { ChildProcess } from 'node:child_process';
import { freePort, spawnWorker as spawnBuiltWorker } from './spawn-portal';

export interface RunningWorker {
  process: ChildProcess;
  output: () => string;
  /** SIGKILL: no shutdown hooks, no lock released, whatever was in flight stays in flight. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/** Starts the built worker (`npm run build` first) on a free health port, as `npm run start:worker` would. */
export async function spawnWorker(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<RunningWorker> {
  const worker = await spawnBuiltWorker(env, await freePort(), timeoutMs);
  return {
    process: worker.process,
    output: worker.output,
    kill: () => worker.kill('SIGKILL'),
    stop: async () => {
      await worker.stop();
    },
  };
}
