import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  AppConfig,
  createRootLogger,
  createValidationPipe,
  fastifyLogging,
  PinoNestLogger,
} from '@app/platform';
import { ApiModule } from './api.module';
import { registerRawMailParsers } from './authorisation/domain-confirmation';
import { configureHttp } from './http/configure-http';
import { applyResponseSchemas } from './openapi/apply-response-schemas';
import { ErrorBodyDto, FieldErrorDto } from './openapi/error-body.dto';
import { configurePortal } from './portal/configure-portal';

/** Builds the API application; main.ts and the tests share it, so tests run the real stack. */
export async function createApiApp(config: AppConfig): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config);
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    // No Nest middleware exists here: without this, @fastify/middie runs on every request for none.
    skipMiddie: true,
    ...fastifyLogging(logger),
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
  });
  app.useGlobalPipes(createValidationPipe());
  registerRawMailParsers(app);
  await configureHttp(app, config);
  await configurePortal(app, config);
  // Built on the first request for /docs or /docs-json, not at every start (about a second of it).
  SwaggerModule.setup('docs', app, () => apiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

/** The OpenAPI document: what Nest's decorators say, with the generated response schemas. */
function apiDocument(app: NestFastifyApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('MDR onboarding portal API')
      .setDescription(
        'Onboarding, approvals and incident response for Managed Detection and Response',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { extraModels: [ErrorBodyDto, FieldErrorDto] },
  );
  applyResponseSchemas(document);
  return document;
}
