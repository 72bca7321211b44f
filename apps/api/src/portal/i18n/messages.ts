import type { Language } from '@app/identity';
import en from './en.json';
import { FEATURE_CATALOGS } from './features';
import type { FeatureCatalog, MessageTree } from './message-tree';
import ja from './ja.json';
import zh from './zh.json';

export type { FeatureCatalog, MessageTree } from './message-tree';

/**
 * The base catalog plus every feature's, so each feature keeps its wording in its own files
 * (`features/<feature>.<language>.json`). A section defined twice is a mistake, not an override.
 */
function mergeCatalogs(
  language: Language,
  base: MessageTree,
  features: readonly FeatureCatalog[],
): MessageTree {
  const merged: MessageTree = { ...base };
  for (const feature of features) {
    for (const [section, tree] of Object.entries(feature[language])) {
      if (section in merged)
        throw new Error(`Message section "${section}" is defined twice (${language})`);
      merged[section] = tree;
    }
  }
  return merged;
}

export const CATALOGS: Readonly<Record<Language, MessageTree>> = {
  ja: mergeCatalogs('ja', ja, FEATURE_CATALOGS),
  en: mergeCatalogs('en', en, FEATURE_CATALOGS),
  zh: mergeCatalogs('zh', zh, FEATURE_CATALOGS),
};

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
