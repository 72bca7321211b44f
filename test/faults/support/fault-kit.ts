import { ParsedMail } from 'mailparser';
import { randomBytes } from 'node:crypto';

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value (not undefined), or fails after `ms` naming `what`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export function recipients(mail: ParsedMail): string[] {
  const to = mail.to === undefined ? [] : Array.isArray(mail.to) ? mail.to : [mail.to];
  return to.flatMap((address) => address.value.map((v) => (v.address ?? '').toLowerCase()));
}

/** How many mails each address received. */
export function mailsPerRecipient(mails: readonly ParsedMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of mails) {
    for (const to of recipients(mail)) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}

/** One set of secrets for every process of a test file, so a token from one API works on another. */
const SHARED_JWT_SECRET = randomBytes(32).toString('hex');
const SHARED_SESSION_SECRET = randomBytes(32).toString('hex');

/** The environment of a built API or worker process in server mode. */
export function serverEnv(options: {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  smtpUrl?: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: options.queuePrefix,
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    JWT_SECRET: SHARED_JWT_SECRET,
    SESSION_SECRET: SHARED_SESSION_SECRET,
    PUBLIC_URL: 'http://127.0.0.1:3000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    OUTBOX_POLL_MS: '100',
    DATABASE_POOL_SIZE: '5',
    ...options.extra,
  };
}

/** Logs in on a running API process; returns the Authorization header value. */
export async function loginAt(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200)
    throw new Error(`login ${email} at ${baseUrl}: ${response.status} ${await response.text()}`);
  return `Bearer ${((await response.json()) as { accessToken: string }).accessToken}`;
}
