import { messageCatalog } from '@app/platform/i18n/message-catalog';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';

/**
 * The mails' words, one section per mail named as its template (`password-reset.subject`, …),
 * in every language: the language-neutral templates take them with `{{t "key" name=value}}`.
 */
export const NOTIFY_MESSAGES = messageCatalog({ ja, en, zh });
