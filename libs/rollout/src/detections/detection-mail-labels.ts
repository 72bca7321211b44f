import type { Language } from '@app/identity';
import { formatMoment } from '@app/platform';
import { ROLLOUT_MESSAGES } from '../messages/rollout-messages';
import type { Severity } from './detection-payload';

/** The severity in the reader's language (`severity.<severity>` in the roll-out catalog). */
export function severityLabel(severity: Severity, language: Language): string {
  return ROLLOUT_MESSAGES.translate(language, `severity.${severity}`);
}

/** Date and time in the recipient's language and time zone, the zone named. */
export function formatDetectedAt(date: Date, language: Language, timeZone: string): string {
  return formatMoment(date, { language, timeZone }, 'long');
}

/** Details as the mail shows them: text as is, objects as indented JSON, at most 4000 characters. */
export function detailsText(details: string | Record<string, unknown> | null): string | null {
  if (details === null) return null;
  const text = typeof details === 'string' ? details : JSON.stringify(details, null, 2);
  return text.length > 4000 ? `${text.slice(0, 4000)}…` : text;
}
