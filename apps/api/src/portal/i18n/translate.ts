import type { Language } from '@app/identity';
import type { MessageParams } from '@app/platform';
import { PORTAL_MESSAGES } from './messages';

/**
 * The portal's message for `key` in `language`, with `{name}` placeholders filled from `params`.
 * A key missing from a catalog falls back to English, then to the key itself, so a gap shows up
 * on the page instead of breaking it (the catalog spec keeps the three in step).
 */
export function translate(language: Language, key: string, params: MessageParams = {}): string {
  return PORTAL_MESSAGES.translate(language, key, params);
}
