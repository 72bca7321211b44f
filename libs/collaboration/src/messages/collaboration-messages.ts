import { messageCatalog } from '@app/platform';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';

/** The collaboration lib's words (calendar feed, readiness summary, conversation titles, channel messages). */
export const COLLABORATION_MESSAGES = messageCatalog({ ja, en, zh });

/** The JSON files as written, for the typed word tables that read them. */
export const COLLABORATION_MESSAGE_FILES = { ja, en, zh } as const;
