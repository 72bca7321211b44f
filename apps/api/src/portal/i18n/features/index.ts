import type { FeatureCatalog } from '../messages';

/**
 * Each feature's portal wording, one entry per feature: import its three files and add
 * `{ ja, en, zh }` here. Keeps features' translations out of each other's way.
 */
export const FEATURE_CATALOGS: readonly FeatureCatalog[] = [];
