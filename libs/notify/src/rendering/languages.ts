import { LANGUAGES, type Language } from '@app/platform/i18n/languages';

/** The languages a customer can choose for the portal and its mail: the platform's. */
export const MAIL_LANGUAGES = LANGUAGES;

export type MailLanguage = Language;

const FALLBACK_LANGUAGE: MailLanguage = 'en';

/** The value of the HTML `lang` attribute; our Chinese is Simplified. */
export const HTML_LANG: Readonly<Record<MailLanguage, string>> = {
  ja: 'ja',
  en: 'en',
  zh: 'zh-Hans',
};

function isMailLanguage(value: string): value is MailLanguage {
  return (MAIL_LANGUAGES as readonly string[]).includes(value);
}

/** Accepts tags such as `ja-JP` or `ZH`; anything we do not speak falls back to English. */
export function resolveLanguage(requested: string | null | undefined): MailLanguage {
  const base = (requested ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return isMailLanguage(base) ? base : FALLBACK_LANGUAGE;
}
