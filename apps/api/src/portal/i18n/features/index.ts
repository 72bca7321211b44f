import type { FeatureCatalog } from '../messages';
import domainConfirmationEn from './domain-confirmation.en.json';
import domainConfirmationJa from './domain-confirmation.ja.json';
import domainConfirmationZh from './domain-confirmation.zh.json';

/**
 * Each feature's portal wording, one entry per feature: import its three files and add
 * `{ ja, en, zh }` here. Keeps features' translations out of each other's way.
 */
export const FEATURE_CATALOGS: readonly FeatureCatalog[] = [
  { ja: domainConfirmationJa, en: domainConfirmationEn, zh: domainConfirmationZh },
];
