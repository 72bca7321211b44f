import type { MessageTrees } from '@app/platform';

export type { MessageTree } from '@app/platform';

/** One feature's strings in every language; its top-level sections must not clash with others. */
export type FeatureCatalog = MessageTrees;
