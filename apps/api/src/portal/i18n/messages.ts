import { flattenMessages, messageCatalog } from '@app/platform';
import en from './en.json';
import { FEATURE_CATALOGS } from './features';
import ja from './ja.json';
import zh from './zh.json';

export type { FeatureCatalog, MessageTree } from './message-tree';
export { flattenMessages };

/**
 * The portal's catalog: the base files plus every feature's (`features/<feature>.<language>.json`),
 * merged by the platform's one mechanism, so each feature keeps its wording in its own files. A
 * section defined twice is a mistake, not an override.
 */
export const PORTAL_MESSAGES = messageCatalog({ ja, en, zh }, ...FEATURE_CATALOGS);

/** The merged trees per language (the templates' `t` helper and the specs read them). */
export const CATALOGS = PORTAL_MESSAGES.trees;
