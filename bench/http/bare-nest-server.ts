// The framework's baseline: a bare NestJS 11 on Fastify with one controller answering the same
// JSON as the app's /api/ping, no global hooks, guards, filters, pipes or plugins and no logger.
// The portal's cost above this one is ours; this one's above bare node:http is the framework's.
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller('api/ping')
class PingController {
  @Get()
  ping(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [PingController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), {
    logger: false,
  });
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  console.log('bare nest listening');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
