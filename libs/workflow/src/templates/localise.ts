import type { Language } from '@app/identity/roles';
import type { LocalisedText } from './template.types';

export function localise(text: LocalisedText, language: Language): string {
  return text[language] ?? text.en;
}
