import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ConfigError,
  createRootLogger,
  fastifyLogging,
  loadConfig,
  PinoNestLogger,
} from '@app/platform';
import { WorkerModule } from './worker.module';

/** Server mode only: embedded mode runs these modules inside the API process. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (config.mode !== 'server') {
    throw new ConfigError(
      'DATABASE_URL',
      'is required for a separate worker (embedded mode runs the worker inside npm start)',
    );
  }
  const logger = createRootLogger(config);
  const app = await NestFactory.create<NestFastifyApplication>(
    WorkerModule.forRoot(config),
    new FastifyAdapter(fastifyLogging(logger)),
    { logger: new PinoNestLogger(logger) },
  );
  await app.listen({ port: config.workerPort, host: config.host });
  console.log(`MDR worker running; health on port ${config.workerPort}`);
  const shutdown = (): void => {
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
