import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, Clock, loadConfig } from '@app/platform';
import { randomBytes } from 'node:crypto';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { DemoSeeder } from '../../apps/api/src/seed/demo-seeder';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createTestDatabase, TestDatabase } from './test-database';
import { testClockEnv, testClockNow } from './test-clock';
import { TEST_REDIS_URL, TEST_WEBHOOK_ALLOWED_PRIVATE_HOSTS } from './test-env';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  database: TestDatabase;
  dataSource: DataSource;
  http: () => ReturnType<typeof supertest>;
  worker: INestApplicationContext | null;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Run the worker (outbox relay and processors) in the same test process. */
  withWorker?: boolean;
  /** Seed the demo organisations, users and engagements (password TEST_PASSWORD). */
  seed?: boolean;
}

/**
 * The real API in server mode on a fresh clone of the migrated template database, real Redis
 * (a queue prefix of its own) and, when given, a real SMTP server on loopback.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    JWT_SECRET: randomBytes(32).toString('hex'),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    QUEUE_PREFIX: `test_${database.name}`,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    OUTBOX_POLL_MS: '50',
    DATABASE_POOL_SIZE: '5',
    PUBLIC_URL: 'http://127.0.0.1:3000',
    // The test receivers (webhooks) listen on loopback; nothing else internal is allowed.
    WEBHOOK_ALLOWED_PRIVATE_HOSTS: TEST_WEBHOOK_ALLOWED_PRIVATE_HOSTS,
    // The seeded people have no authenticator app; suites about the MFA policy turn it on.
    MFA_REQUIRED_FOR_PROVIDER: 'false',
    ...testClockEnv(),
    ...options.env,
  });
  const app = await createApiApp(config);
  const worker = options.withWorker
    ? await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false })
    : null;
  // CLOCK_AT counts from this process's start; in-process apps are set to the test's clock here.
  if (!options.env?.CLOCK_AT)
    for (const context of [app, worker]) context?.get(Clock).travelTo(testClockNow());
  if (worker) await worker.init();
  if (options.seed) await app.get(DemoSeeder).seed(TEST_PASSWORD);
  return {
    app,
    config,
    database,
    dataSource: app.get(DataSource),
    http: () => supertest(app.getHttpServer()),
    worker,
    async close() {
      if (worker) await worker.close();
      await app.close();
      await database.drop();
    },
  };
}

/** Logs in through the real endpoint and returns the Authorization header value. */
export async function bearer(
  test: TestApp,
  email: string,
  password = TEST_PASSWORD,
): Promise<string> {
  const response = await test.http().post('/api/auth/login').send({ email, password }).expect(200);
  return `Bearer ${(response.body as { accessToken: string }).accessToken}`;
}
