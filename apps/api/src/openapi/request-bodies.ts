import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  getSchemaPath,
} from '@nestjs/swagger';
import { DETECTION_PAYLOAD } from '@app/rollout';
import { ApiPayloadBody } from './payload-schema-body';

/** Bodies the controllers read themselves (multipart uploads, signed webhooks, raw mail): no @Body() DTO describes them. */

class CsvUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'The CSV file (UTF-8, header row first); the first file part is read',
  })
  file: unknown;
}

class EvidenceFormDto {
  @ApiPropertyOptional({
    maxLength: 4000,
    description: 'What was done; kept with the completion and shown to both parties',
  })
  note?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'The step version you saw; a newer one answers 409',
  })
  expectedVersion?: number;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'binary' },
    description:
      'Evidence files (EVIDENCE_MAX_FILES, EVIDENCE_MAX_FILE_BYTES, EVIDENCE_TYPES); SHA-256 kept',
  })
  files: unknown[];
}

class EvidenceUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description:
      'One file (EVIDENCE_STORE_MAX_BYTES; a kind of EVIDENCE_TYPES, judged by its bytes); SHA-256 computed by the server',
  })
  file: unknown;

  @ApiPropertyOptional({
    enum: ['internal', 'shared'],
    description:
      "internal: the provider's staff and account managers only (not for customers); default shared on steps, internal on incidents for the provider",
  })
  visibility?: string;
}

/** A multipart CSV upload in the field "file". */
export function ApiCsvUpload(): MethodDecorator {
  return applyDecorators(ApiConsumes('multipart/form-data'), ApiBody({ type: CsvUploadDto }));
}

/** A multipart evidence upload: one file in "file", an optional "visibility". */
export function ApiEvidenceUpload(): MethodDecorator {
  return applyDecorators(ApiConsumes('multipart/form-data'), ApiBody({ type: EvidenceUploadDto }));
}

/** The detection webhook's JSON body (the rollout lib's schema), signed with X-Signature over the raw bytes. */
export function ApiDetectionWebhookBody(): MethodDecorator {
  return applyDecorators(ApiConsumes('application/json'), ApiPayloadBody(DETECTION_PAYLOAD));
}

/** A raw RFC 822 message, as a mail relay forwards it. */
export function ApiRawMailBody(): MethodDecorator {
  return applyDecorators(
    ApiConsumes('message/rfc822', 'text/plain'),
    ApiBody({
      schema: { type: 'string', description: 'The whole message, headers and body, as received' },
    }),
  );
}

/** A comment: JSON, or the same fields as multipart with one optional file in "file". */
export function ApiCommentBody(
  json: new () => unknown,
  multipart: new () => unknown,
): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(json, multipart),
    ApiConsumes('application/json', 'multipart/form-data'),
    ApiBody({
      schema: { oneOf: [{ $ref: getSchemaPath(json) }, { $ref: getSchemaPath(multipart) }] },
    }),
  );
}

/** Task completion: JSON { note?, expectedVersion? } or the same fields as multipart with evidence files. */
export function ApiCompletionBody(json: new () => unknown): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(json, EvidenceFormDto),
    ApiConsumes('application/json', 'multipart/form-data'),
    ApiBody({
      schema: { oneOf: [{ $ref: getSchemaPath(json) }, { $ref: getSchemaPath(EvidenceFormDto) }] },
    }),
  );
}
