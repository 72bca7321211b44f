// Where the tests find the real services on this machine (overridable for other machines).
export const ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEMPLATE_DATABASE = process.env.TEST_TEMPLATE_DATABASE ?? 'mdr_test_template';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * The test apps and the processes they spawn may deliver webhooks to receivers on 127.0.0.1
 * (written as that literal); every other internal address stays refused, as in production.
 */
export const TEST_WEBHOOK_ALLOWED_PRIVATE_HOSTS = '127.0.0.1';
