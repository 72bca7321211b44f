/** One fixed window of a rate limit: where it starts and how long until the next one. */
export interface Window {
  start: Date;
  /** Whole seconds until the next window starts, at least 1 (for Retry-After). */
  secondsLeft: number;
}

/**
 * The fixed window holding `now`, aligned to the epoch so every process agrees on it without
 * talking to the others. A fixed window lets a client make up to twice the limit across a
 * boundary; that is the price of one row per key and window.
 */
export function windowOf(now: Date, windowSeconds: number): Window {
  const size = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / size) * size;
  return {
    start: new Date(start),
    secondsLeft: Math.max(1, Math.ceil((start + size - now.getTime()) / 1000)),
  };
}
