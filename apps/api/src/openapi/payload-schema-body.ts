import { ApiBody } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/**
 * The OpenAPI form of a payload schema a lib validates with: the request as a client writes it
 * (before trimming and defaults), so the document and the validation are one definition.
 */
export function openApiSchemaOf(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0' }) as SchemaObject;
}

/** Documents a JSON body validated by a lib's payload schema (no DTO class mirrors it). */
export function ApiPayloadBody(schema: z.ZodType, description?: string): MethodDecorator {
  return ApiBody({ schema: openApiSchemaOf(schema), description, required: true });
}
