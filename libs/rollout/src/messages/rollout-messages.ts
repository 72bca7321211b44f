import { messageCatalog } from '@app/platform';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';

/** The roll-out lib's words (severities, planning checks, snapshot documents), in every language. */
export const ROLLOUT_MESSAGES = messageCatalog({ ja, en, zh });

/** The JSON files as written, for the typed word tables that read them. */
export const ROLLOUT_MESSAGE_FILES = { ja, en, zh } as const;
