import type { Language } from '@app/identity';

/** A catalog as translators write it: nested sections of plain strings. */
export interface MessageTree {
  [key: string]: string | MessageTree;
}

/** One feature's strings in every language; its top-level sections must not clash with others. */
export type FeatureCatalog = Readonly<Record<Language, MessageTree>>;
