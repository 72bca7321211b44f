import { z } from 'zod';
import { IF_VALID_SO_FAR, readPayload, type FieldError } from '@app/platform';

export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What the EDR posts to the detection webhook. */
export interface DetectionInput {
  /** The EDR's own id of the detection: repeats of it are the same detection. */
  detectionId: string;
  detectedAt: Date;
  hostname: string;
  severity: Severity;
  title: string;
  /** Free text or an object, kept as JSON. */
  details: string | Record<string, unknown> | null;
}

export type ParsedDetection =
  { ok: true; value: DetectionInput } | { ok: false; errors: FieldError[] };

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_DETAILS = 20_000;
const NOT_A_MOMENT = 'must be an ISO 8601 date-time with a time zone';
const NOT_DETAILS = 'must be a string or an object';

/** A trimmed, non-empty text of at most `max` characters. */
function requiredText(max: number, description?: string) {
  return z
    .string({ error: 'must be a non-empty string' })
    .trim()
    .min(1, { error: 'must be a non-empty string' })
    .max(max, { error: `must be at most ${max} characters` })
    .meta(description ? { description } : {});
}

/**
 * What the EDR posts, as one schema: the webhook validates with it and the OpenAPI document
 * describes the body from it. Unknown keys are ignored (an EDR adds fields over time).
 */
export const DETECTION_PAYLOAD = z.object(
  {
    detectionId: requiredText(
      200,
      "The EDR's own id of the detection: a repeat answers 200 with the same id",
    ),
    detectedAt: z
      .string({ error: NOT_A_MOMENT })
      .regex(ISO_DATE_TIME, { error: NOT_A_MOMENT })
      .refine((value) => !Number.isNaN(new Date(value).getTime()), {
        error: NOT_A_MOMENT,
        ...IF_VALID_SO_FAR,
      })
      .transform((value) => new Date(value))
      .meta({ example: '2026-11-02T03:00:00Z' }),
    hostname: requiredText(253),
    severity: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` }),
    title: requiredText(500),
    details: z
      .union([z.string(), z.record(z.string(), z.unknown())], { error: NOT_DETAILS })
      .nullish()
      .refine((value) => value == null || JSON.stringify(value).length <= MAX_DETAILS, {
        error: `must be at most ${MAX_DETAILS} characters as JSON`,
      })
      .transform((value) => value ?? null)
      .meta({ description: 'Free text or an object, at most 20,000 characters as JSON' }),
  },
  { error: 'must be a JSON object' },
);

/** Validates the parsed JSON body; every problem names its field. */
export function parseDetection(body: unknown): ParsedDetection {
  const { value, errors } = readPayload(DETECTION_PAYLOAD, body);
  return value ? { ok: true, value } : { ok: false, errors };
}
