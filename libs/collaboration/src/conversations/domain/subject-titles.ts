import type { Language } from '@app/access';
import {
  COLLABORATION_MESSAGE_FILES,
  COLLABORATION_MESSAGES,
} from '../../messages/collaboration-messages';

/** "Service agreement, version 2" in the reader's language (`conversation.*` in the catalog). */
export function documentTitle(kind: string, version: number, language: Language): string {
  const names: Readonly<Record<string, string>> =
    COLLABORATION_MESSAGE_FILES[language].conversation.document;
  const name = Object.prototype.hasOwnProperty.call(names, kind) ? names[kind] : kind;
  return COLLABORATION_MESSAGES.translate(language, 'conversation.documentTitle', {
    name,
    version,
  });
}
