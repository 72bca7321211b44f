import { messageCatalog } from '@app/platform/i18n/message-catalog';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';

/** The access lib's words (role names), in every language. */
export const ACCESS_MESSAGES = messageCatalog({ ja, en, zh });
