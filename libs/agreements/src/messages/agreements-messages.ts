import { messageCatalog } from '@app/platform';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';

/** The agreements lib's words (document labels, catalogue-check sentences, default runbooks). */
export const AGREEMENTS_MESSAGES = messageCatalog({ ja, en, zh });

/** The JSON files as written, for the typed word tables that read them. */
export const AGREEMENTS_MESSAGE_FILES = { ja, en, zh } as const;
