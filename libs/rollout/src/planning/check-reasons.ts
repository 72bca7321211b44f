import type { Language } from '@app/access';
import { ROLLOUT_MESSAGES } from '../messages/rollout-messages';

/** Up to five hostnames, then "+N". */
export function sample(hostnames: string[]): string {
  const shown = hostnames.slice(0, 5).join(', ');
  return hostnames.length > 5 ? `${shown} +${hostnames.length - 5}` : shown;
}

type Words = {
  serversBlock: (group: string, servers: number) => string;
  evaluationBlocks: (group: string) => string;
  evaluationQuarantines: (group: string) => string;
  noGroup: (count: number, hosts: string) => string;
  several: (host: string, groups: string) => string;
  doubleQuarantine: (group: string, products: string, hosts: string) => string;
};

/**
 * The sentences of the planning checks, in the reader's language (gate blockers show them); the
 * words are `planningCheck.*` in the roll-out catalog.
 */
export const CHECK_REASONS: Readonly<Record<Language, Words>> = {
  ja: checkReasons('ja'),
  en: checkReasons('en'),
  zh: checkReasons('zh'),
};

function checkReasons(language: Language): Words {
  const t = (key: string, params: Record<string, unknown>) =>
    ROLLOUT_MESSAGES.translate(language, `planningCheck.${key}`, params);
  return {
    serversBlock: (group, servers) => t('serversBlock', { group, servers }),
    evaluationBlocks: (group) => t('evaluationBlocks', { group }),
    evaluationQuarantines: (group) => t('evaluationQuarantines', { group }),
    noGroup: (count, hosts) => t('noGroup', { count, hosts }),
    several: (host, groups) => t('several', { host, groups }),
    doubleQuarantine: (group, products, hosts) => t('doubleQuarantine', { group, products, hosts }),
  };
}
