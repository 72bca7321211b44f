import { createHmac } from 'node:crypto';
import { INCIDENT_EVENT_TYPES, IncidentEventType } from '../domain/incident-vocabulary';

/** `sha256=<hex>`: HMAC-SHA256 of the exact bytes of the body, as the X-Signature header carries it. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** Task bookkeeping stays in the portal: the chat and ticketing systems hear every other event. */
const NOT_SENT_TO_WEBHOOKS: ReadonlySet<IncidentEventType> = new Set([
  'task_created',
  'task_completed',
  'task_not_applicable',
]);

/** Timeline events the chat and ticketing systems hear about. */
export const WEBHOOK_EVENT_TYPES: ReadonlySet<string> = new Set(
  INCIDENT_EVENT_TYPES.filter((type) => !NOT_SENT_TO_WEBHOOKS.has(type)),
);
