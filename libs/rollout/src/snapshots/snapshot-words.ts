import type { Language } from '@app/access';

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

export const WORDS: Readonly<Record<Language, CommonWords>> = {
  en: {
    yes: 'Yes',
    no: 'No',
    none: 'None',
    listSeparator: ', ',
    order: 'Order',
    kind: { evaluation: 'Evaluation', production: 'Production' },
    mode: { detect: 'Detect', block: 'Block' },
    updates: { automatic: 'Automatic', manual: 'Manual' },
    phase: {
      introduction: 'Introduction',
      pre_production: 'Pre-production',
      production: 'Production',
    },
    endpointType: { client: 'Client', server: 'Server' },
    osFamily: { windows: 'Windows', linux: 'Linux', macos: 'macOS' },
    count: (n, l) => formatNumber(n, l),
  },
  ja: {
    yes: 'はい',
    no: 'いいえ',
    none: 'なし',
    listSeparator: '、',
    order: '順序',
    kind: { evaluation: '評価用', production: '本番' },
    mode: { detect: '検知', block: 'ブロック' },
    updates: { automatic: '自動', manual: '手動' },
    phase: { introduction: '導入期', pre_production: 'プレ本番期', production: '本番期' },
    endpointType: { client: 'クライアント', server: 'サーバー' },
    osFamily: { windows: 'Windows', linux: 'Linux', macos: 'macOS' },
    count: (n, l) => `${formatNumber(n, l)} 台`,
  },
  zh: {
    yes: '是',
    no: '否',
    none: '无',
    listSeparator: '、',
    order: '顺序',
    kind: { evaluation: '评估', production: '生产' },
    mode: { detect: '检测', block: '阻断' },
    updates: { automatic: '自动', manual: '手动' },
    phase: { introduction: '导入期', pre_production: '预生产期', production: '生产期' },
    endpointType: { client: '客户端', server: '服务器' },
    osFamily: { windows: 'Windows', linux: 'Linux', macos: 'macOS' },
    count: (n, l) => `${formatNumber(n, l)} 台`,
  },
};

/** A word from a table of words, or the value itself when the table has no entry for it. */
export function wordFor<T extends string>(table: Record<T, string>, value: unknown): string {
  return typeof value === 'string' && value in table
    ? table[value as T]
    : value === null || value === undefined
      ? '—'
      : String(value);
}
