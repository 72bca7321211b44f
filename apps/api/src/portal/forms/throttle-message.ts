/** The catalog key and parameters that tell a person how long to wait before signing in again. */
export function throttleMessage(seconds: number): {
  errorKey: string;
  errorParams: { seconds?: number; minutes?: number };
} {
  // Seconds up to two minutes, so no one reads "1 minutes"; whole minutes (rounded up) beyond.
  return seconds < 120
    ? { errorKey: 'login.throttledSeconds', errorParams: { seconds } }
    : { errorKey: 'login.throttled', errorParams: { minutes: Math.ceil(seconds / 60) } };
}
