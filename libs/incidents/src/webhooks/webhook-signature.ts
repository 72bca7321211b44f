import { createHmac } from 'node:crypto';

/** `sha256=<hex>`: HMAC-SHA256 of the exact bytes of the body, as the X-Signature header carries it. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** Timeline events the chat and ticketing systems hear about (task bookkeeping is left out). */
export const WEBHOOK_EVENT_TYPES: ReadonlySet<string> = new Set([
  'opened',
  'acknowledged',
  'responded',
  'status_changed',
  'sla_breached',
  'action_executed',
  'action_recommended',
  'action_requested',
  'action_approved',
  'action_declined',
  'action_fallback_executed',
  'action_expired',
  'escalation_notified',
  'escalation_acknowledged',
  'escalation_timed_out',
  'escalation_exhausted',
]);
