import { messageCatalog } from '@app/platform';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';

/** The incidents lib's words (event types, statuses), in every language. */
export const INCIDENTS_MESSAGES = messageCatalog({ ja, en, zh });

/** The JSON files as written, for the typed tables that read them. */
export const INCIDENTS_MESSAGE_FILES = { ja, en, zh } as const;
