import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BullModule, getQueueToken, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Test, TestingModule } from '@nestjs/testing';
import { Job, Queue, Worker } from 'bullmq';
import { AppConfig, loadConfig } from '@app/platform/config/app-config';
import { AppConfigModule } from '@app/platform/config/config.module';
import { EmbeddedPostgres, startEmbeddedPostgres } from '@app/platform/database/embedded-postgres';
import {
  buildQueueRootOptions,
  EMBEDDED_DRAIN_DELAY_SECONDS,
  QueueHealthIndicator,
  QueueModule,
  workerOptionsFor,
} from '@app/platform/queue';

// Real Redis on localhost and real PGlite; the same assertions for both backends.
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'x'.repeat(32);
const unique = `${process.pid}-${Date.now().toString(36)}`;

function serverConfig(): AppConfig {
  return loadConfig({
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
    REDIS_URL,
    QUEUE_PREFIX: `test-queue-${unique}`,
    JWT_SECRET: SECRET,
    SESSION_SECRET: SECRET,
  });
}

function until(check: () => boolean, timeoutMs = 20000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('condition not met in time'));
      setTimeout(poll, 20);
    };
    poll();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Backend {
  name: 'redis' | 'postgres';
  config: () => AppConfig;
}

describe.each<Backend>([
  { name: 'redis', config: serverConfig },
  // Filled in beforeAll below, once PGlite is up.
  { name: 'postgres', config: () => embeddedConfig },
])('queue backend: $name', ({ name, config: getConfig }) => {
  let config: AppConfig;
  const closers: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    if (name === 'postgres') await startPglite();
    config = getConfig();
  });

  afterAll(async () => {
    // Close in reverse order of opening: workers and queues before the database.
    for (const close of closers.reverse()) await close();
  });

  it('adds a job once per jobId and a Worker processes it exactly once', async () => {
    const options = buildQueueRootOptions(config);
    const queueName = `dedupe-${unique}`;
    const queue = new Queue<{ n: number }>(queueName, options);
    closers.push(async () => {
      // Redis keys outlive the test; the PGlite folder is deleted anyway.
      if (name === 'redis') await queue.obliterate({ force: true });
      await queue.close();
    });

    const first = await queue.add('count', { n: 1 }, { jobId: 'outbox-1' });
    const second = await queue.add('count', { n: 2 }, { jobId: 'outbox-1' });
    expect(first.id).toBe('outbox-1');
    expect(second.id).toBe('outbox-1');
    const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'delayed');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);

    const seen: { id: string | undefined; n: number }[] = [];
    const worker = new Worker<{ n: number }>(
      queueName,
      async (job: Job<{ n: number }>) => {
        seen.push({ id: job.id, n: job.data.n });
        return 'done';
      },
      { connection: options.connection, prefix: options.prefix, ...workerOptionsFor(config) },
    );
    closers.push(() => worker.close());
    await until(() => seen.length >= 1);

    // Re-adding after completion (a retrying outbox relay) is still a no-op.
    await queue.add('count', { n: 3 }, { jobId: 'outbox-1' });
    await sleep(1500);
    expect(seen).toEqual([{ id: 'outbox-1', n: 1 }]);
    expect(await queue.getJobState('outbox-1')).toBe('completed');
  });

  it('wires through QueueModule: a @Processor consumes its queue; health is up', async () => {
    const queueName = `nest-${unique}`;
    const processed: string[] = [];

    // Decorators run at class definition, so the mode-dependent options are known here.
    @Processor(queueName, workerOptionsFor(config))
    @Injectable()
    class RecordingProcessor extends WorkerHost {
      async process(job: Job): Promise<void> {
        processed.push(job.id ?? '?');
      }
    }

    const moduleRef: TestingModule = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(config),
        QueueModule.forRoot(),
        BullModule.registerQueue({ name: queueName }),
      ],
      providers: [RecordingProcessor],
    }).compile();
    // An application context is enough: no HTTP adapter needed to run processors.
    const app = await moduleRef.init();
    let closed = false;
    closers.push(async () => {
      if (!closed) await app.close();
    });

    const queue = app.get<Queue>(getQueueToken(queueName));
    await queue.add('ping', {}, { jobId: 'nest-1' });
    await queue.add('ping', {}, { jobId: 'nest-1' });
    await until(() => processed.length >= 1);
    await sleep(1000);
    expect(processed).toEqual(['nest-1']);

    const health = await app.get(QueueHealthIndicator).isHealthy('queue');
    expect(health.queue.status).toBe('up');
    expect(health.queue).toMatchObject({ backend: name });

    if (name === 'redis') await queue.obliterate({ force: true });
    await app.close();
    closed = true;
  });
});

let embedded: EmbeddedPostgres | undefined;
let embeddedConfig: AppConfig;
let dataDir: string | undefined;

async function startPglite(): Promise<void> {
  dataDir = await mkdtemp(join(tmpdir(), 'mdr-queue-pg-'));
  embedded = await startEmbeddedPostgres({ dataDir, maxConnections: 40 });
  embeddedConfig = { ...loadConfig({ DATA_DIR: dataDir }), databaseUrl: embedded.url };
}

afterAll(async () => {
  await embedded?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('queue configuration', () => {
  it('uses a sub-second drainDelay (seconds) only in embedded mode', () => {
    expect(workerOptionsFor('embedded').drainDelay).toBe(EMBEDDED_DRAIN_DELAY_SECONDS);
    expect(EMBEDDED_DRAIN_DELAY_SECONDS).toBeLessThan(1);
    expect(workerOptionsFor('server').drainDelay).toBe(5);
  });

  it('builds a Redis connection with maxRetriesPerRequest null and the configured prefix', () => {
    const options = buildQueueRootOptions({
      ...serverConfig(),
      redisUrl: 'rediss://user:p%40ss@cache.example:6380/2',
    });
    expect(options.prefix).toBe(`test-queue-${unique}`);
    expect(options.connection).toMatchObject({
      host: 'cache.example',
      port: 6380,
      username: 'user',
      password: 'p@ss',
      db: 2,
      tls: {},
      maxRetriesPerRequest: null,
    });
  });

  it('reports down when Redis is unreachable', async () => {
    const indicator = new QueueHealthIndicator(
      { ...serverConfig(), redisUrl: 'redis://127.0.0.1:1' },
      new HealthIndicatorService(),
    );
    try {
      const result = await indicator.isHealthy('queue');
      expect(result.queue.status).toBe('down');
    } finally {
      await indicator.onModuleDestroy();
    }
  });
});
