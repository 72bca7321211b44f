import type { Language } from '@app/access';
import type { LocalisedText } from './template.types';

export function localise(text: LocalisedText, language: Language): string {
  return text[language] ?? text.en;
}
