import type { Language } from '@app/identity';

/** Each language named in itself, as language switches conventionally show them. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  ja: '日本語',
  en: 'English',
  zh: '简体中文',
};
