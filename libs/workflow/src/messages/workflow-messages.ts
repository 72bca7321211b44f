import { messageCatalog } from '@app/platform';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';

/** The workflow lib's words (the frame of a proposal document), in every language. */
export const WORKFLOW_MESSAGES = messageCatalog({ ja, en, zh });

/** The JSON files as written, for the typed label tables that read them. */
export const WORKFLOW_MESSAGE_FILES = { ja, en, zh } as const;
