import type { OpenAPIObject } from '@nestjs/swagger';
import generated from './response-schemas.generated.json';

type Schema = Record<string, unknown>;

interface GeneratedOperation {
  status: number;
  produces?: string[];
  schema?: Schema;
  errors: number[];
}

interface Generated {
  operations: Record<string, GeneratedOperation>;
  schemas: Record<string, Schema>;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (VALIDATION_FAILED names each field in details)',
  401: 'Not signed in, or a webhook signature that does not verify',
  403: 'Signed in, but this role may not do this',
  404: 'Not found, or not in the caller’s tenant scope',
  409: 'Refused in the current state (details say what blocks it)',
  413: 'The upload is too large',
  415: 'Unsupported content type',
  429: 'Too many requests (see Retry-After)',
};

const ERROR_REF = { $ref: '#/components/schemas/ErrorBodyDto' };
const BINARY = { type: 'string', format: 'binary' };

/** JSON bodies carry their type; documents and exports (HTML, PDF, CSV, ZIP, streamed JSON) are files. */
function mediaSchema(type: string, schema: Schema | undefined): Schema {
  if (type === 'application/json' && schema) return schema;
  return type.startsWith('text/') ? { type: 'string' } : BINARY;
}

/**
 * Gives every operation its success body and its error answers, from
 * response-schemas.generated.json (scripts/openapi-responses.mjs derives them from the types the
 * controllers return and the errors their code throws). Explicit decorators win over it.
 */
export function applyResponseSchemas(
  document: OpenAPIObject,
  source: Generated = generated as Generated,
): OpenAPIObject {
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const [name, schema] of Object.entries(source.schemas)) schemas[name] ??= schema;
  document.components.schemas = schemas;
  for (const methods of Object.values(document.paths)) {
    for (const operation of Object.values(methods) as {
      operationId?: string;
      responses?: Record<string, { description?: string; content?: unknown }>;
    }[]) {
      const found = operation.operationId ? source.operations[operation.operationId] : undefined;
      if (!found) continue;
      const responses = (operation.responses ??= {});
      const success = (responses[String(found.status)] ??= { description: '' });
      if (!success.content && found.status !== 204) {
        const types = found.produces?.length ? found.produces : ['application/json'];
        success.content = Object.fromEntries(
          types.map((type) => [type, { schema: mediaSchema(type, found.schema) }]),
        );
      }
      if (!success.description)
        success.description = found.status === 204 ? 'Done; no body' : 'Success';
      // Nest adds a bare 201 for POST; drop it when the route answers another status.
      if (
        found.status !== 201 &&
        responses['201'] &&
        !responses['201'].content &&
        !responses['201'].description
      )
        delete responses['201'];
      for (const status of found.errors) {
        responses[String(status)] ??= {
          description: ERROR_DESCRIPTIONS[status] ?? 'Error',
          content: { 'application/json': { schema: ERROR_REF } },
        };
      }
    }
  }
  return document;
}
