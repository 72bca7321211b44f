import type { FieldError } from '@app/platform';

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

function text(
  body: Record<string, unknown>,
  field: string,
  max: number,
  errors: FieldError[],
): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '') {
    errors.push({ field, reason: 'must be a non-empty string' });
    return '';
  }
  if (value.length > max) errors.push({ field, reason: `must be at most ${max} characters` });
  return value.trim();
}

function details(value: unknown, errors: FieldError[]): DetectionInput['details'] {
  if (value === undefined || value === null) return null;
  const isObject = typeof value === 'object' && !Array.isArray(value);
  if (typeof value !== 'string' && !isObject) {
    errors.push({ field: 'details', reason: 'must be a string or an object' });
    return null;
  }
  if (JSON.stringify(value).length > MAX_DETAILS) {
    errors.push({ field: 'details', reason: `must be at most ${MAX_DETAILS} characters as JSON` });
  }
  return value as DetectionInput['details'];
}

/** Validates the parsed JSON body; every problem names its field. */
export function parseDetection(body: unknown): ParsedDetection {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: [{ field: 'body', reason: 'must be a JSON object' }] };
  }
  const record = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  const detectionId = text(record, 'detectionId', 200, errors);
  const hostname = text(record, 'hostname', 253, errors);
  const title = text(record, 'title', 500, errors);
  const severity = record.severity;
  if (typeof severity !== 'string' || !(SEVERITIES as readonly string[]).includes(severity)) {
    errors.push({ field: 'severity', reason: `must be one of ${SEVERITIES.join(', ')}` });
  }
  const at = record.detectedAt;
  const detectedAt = typeof at === 'string' && ISO_DATE_TIME.test(at) ? new Date(at) : null;
  if (detectedAt === null || Number.isNaN(detectedAt.getTime())) {
    errors.push({ field: 'detectedAt', reason: 'must be an ISO 8601 date-time with a time zone' });
  }
  const parsedDetails = details(record.details, errors);
  if (errors.length > 0 || detectedAt === null) return { ok: false, errors };
  return {
    ok: true,
    value: {
      detectionId,
      detectedAt,
      hostname,
      severity: severity as Severity,
      title,
      details: parsedDetails,
    },
  };
}
