import type { Language } from '@app/identity';
import { isLanguage } from '@app/platform';

export { isLanguage };

export const DEFAULT_LANGUAGE: Language = 'en';

/** The best supported language in an Accept-Language header, by quality; null when none. */
export function languageFromAcceptHeader(header: string | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { primary: tag.trim().toLowerCase().split('-')[0], quality, index };
    })
    .filter(
      (entry) => isLanguage(entry.primary) && Number.isFinite(entry.quality) && entry.quality > 0,
    )
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const best = ranked[0]?.primary;
  return isLanguage(best) ? best : null;
}

export interface LanguageHints {
  /** What the person picked in the portal's language switch. */
  session?: unknown;
  /** The signed-in user's own language. */
  user?: Language | null;
  /** On a page reached by an emailed link: the language of the person the mail went to. */
  recipient?: Language | null;
  acceptLanguage?: string;
}

/**
 * An explicit choice wins, then the user's profile, then (on an emailed link's page) the language
 * the recipient's mail was in, then the browser, then English.
 */
export function chooseLanguage(hints: LanguageHints): Language {
  if (isLanguage(hints.session)) return hints.session;
  if (hints.user) return hints.user;
  if (hints.recipient) return hints.recipient;
  return languageFromAcceptHeader(hints.acceptLanguage) ?? DEFAULT_LANGUAGE;
}

/** The BCP 47 tag for `<html lang>`: the portal's Chinese is Simplified. */
export function htmlLang(language: Language): string {
  return language === 'zh' ? 'zh-Hans' : language;
}
