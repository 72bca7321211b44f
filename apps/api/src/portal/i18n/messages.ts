import type { Language } from '@app/identity';
import en from './en.json';
import ja from './ja.json';
import zh from './zh.json';

/** A catalog as translators write it: nested sections of plain strings. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

export const CATALOGS: Readonly<Record<Language, MessageTree>> = { ja, en, zh };

/** `{ a: { b: 'x' } }` becomes `a.b → x`, the form templates look keys up in. */
export function flattenMessages(tree: MessageTree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      flat.set(path, value);
    } else {
      for (const [nested, text] of flattenMessages(value, path)) flat.set(nested, text);
    }
  }
  return flat;
}
