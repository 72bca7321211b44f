import { messageCatalog } from '@app/platform';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';

/**
 * The authorisation lib's words (the authorisation letter, the certificates, the domain
 * permission statement), in every language.
 */
export const AUTHORISATION_MESSAGES = messageCatalog({ ja, en, zh });

/** The JSON files as written, for the typed label tables that read them. */
export const AUTHORISATION_MESSAGE_FILES = { ja, en, zh } as const;
