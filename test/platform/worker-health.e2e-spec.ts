import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import supertest from 'supertest';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { startTestApp, TestApp } from '../support/test-app';

describe('worker process', () => {
  let t: TestApp;
  let worker: NestFastifyApplication;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await NestFactory.create<NestFastifyApplication>(
      WorkerModule.forRoot(t.config),
      new FastifyAdapter(),
      { logger: false },
    );
    await worker.init();
    await worker.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  it('serves /health with the database and the queue', async () => {
    const response = await supertest(worker.getHttpServer()).get('/health').expect(200);
    expect(response.body.info).toMatchObject({
      database: { status: 'up' },
      queue: { status: 'up', backend: 'redis' },
    });
  });
});
