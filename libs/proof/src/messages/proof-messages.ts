import { messageCatalog } from '@app/platform';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';

/** The proof lib's words (why a checkpoint was signed), in every language. */
export const PROOF_MESSAGES = messageCatalog({ ja, en, zh });

/** The JSON files as written, for the typed tables that read them. */
export const PROOF_MESSAGE_FILES = { ja, en, zh } as const;
