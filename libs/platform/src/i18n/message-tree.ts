import type { Language } from './languages';

/**
 * A catalog as translators write it (one JSON file per language): nested sections of strings; a
 * list of sentences (a document's bullet points) is an array, its items keyed `0`, `1`, ….
 */
export interface MessageTree {
  [key: string]: string | readonly string[] | MessageTree;
}

/** One part of a catalog (a lib's, a portal feature's) in every language. */
export type MessageTrees = Readonly<Record<Language, MessageTree>>;

/** `{ a: { b: 'x' } }` becomes `a.b → x`, the form keys are looked up in. */
export function flattenMessages(tree: MessageTree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      flat.set(path, value);
    } else if (isList(value)) {
      value.forEach((text, index) => flat.set(`${path}.${index}`, text));
    } else {
      for (const [nested, text] of flattenMessages(value, path)) flat.set(nested, text);
    }
  }
  return flat;
}

function isList(value: readonly string[] | MessageTree): value is readonly string[] {
  return Array.isArray(value);
}

/**
 * The parts side by side in one tree. Each part owns its top-level sections: a section defined
 * twice is a mistake, not an override, and throws.
 */
export function mergeSections(language: Language, parts: readonly MessageTree[]): MessageTree {
  const merged: MessageTree = {};
  for (const part of parts) {
    for (const [section, tree] of Object.entries(part)) {
      if (section in merged)
        throw new Error(`Message section "${section}" is defined twice (${language})`);
      merged[section] = tree;
    }
  }
  return merged;
}
