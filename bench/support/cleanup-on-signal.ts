// A bench run's children and database go away once, whether the run ends, fails or is interrupted.
import type { BenchDatabase } from './bench-database';
import type { Children } from './children';

/** Returns the run's cleanup (idempotent) and makes SIGINT/SIGTERM run it before exiting. */
export function cleanupOnSignal(
  bench: string,
  children: Children,
  database: BenchDatabase,
): () => Promise<void> {
  let cleaning: Promise<void> | null = null;
  const cleanup = (): Promise<void> => {
    cleaning ??= children.stopAll().then(() => database.cleanup());
    return cleaning;
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`bench/${bench}: ${signal}, cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return cleanup;
}
