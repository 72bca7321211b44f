import type { Language } from '@app/access';
import { interpolate } from '@app/platform';
import { ROLLOUT_MESSAGE_FILES } from '../messages/rollout-messages';

const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', ja: 'ja-JP', zh: 'zh-CN' };

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 1 }).format(value);
}

/** A calendar day (an ISO date or instant) in the reader's language, read in UTC. */
export function formatDay(value: string | Date | null | undefined, language: Language): string {
  if (value === null || value === undefined) return '—';
  const date =
    typeof value === 'string'
      ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value)
      : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
    date,
  );
}

/** Words every snapshot document shares: yes/no, the roll-out's vocabulary (kinds, modes, phases). */
export interface CommonWords {
  yes: string;
  no: string;
  none: string;
  listSeparator: string;
  order: string;
  kind: Record<'evaluation' | 'production', string>;
  mode: Record<'detect' | 'block', string>;
  updates: Record<'automatic' | 'manual', string>;
  phase: Record<'introduction' | 'pre_production' | 'production', string>;
  endpointType: Record<'client' | 'server', string>;
  osFamily: Record<'windows' | 'linux' | 'macos', string>;
  count: (n: number, language: Language) => string;
}

/** The common words of `snapshot.*` in the roll-out catalog, typed (a missing word does not compile). */
export const WORDS: Readonly<Record<Language, CommonWords>> = {
  ja: commonWords('ja'),
  en: commonWords('en'),
  zh: commonWords('zh'),
};

function commonWords(language: Language): CommonWords {
  const { count, ...words } = ROLLOUT_MESSAGE_FILES[language].snapshot;
  return {
    ...words,
    count: (n, l) => interpolate(count, { count: formatNumber(n, l) }),
  };
}

/** A word from a table of words, or the value itself when the table has no entry for it. */
export function wordFor<T extends string>(table: Record<T, string>, value: unknown): string {
  return typeof value === 'string' && value in table
    ? table[value as T]
    : value === null || value === undefined
      ? '—'
      : String(value);
}
