import type { Language } from '@app/access';

const DOCUMENT_NAMES: Record<string, Record<Language, string>> = {
  service_agreement: { en: 'Service agreement', ja: 'サービス契約', zh: '服务协议' },
  peacetime_runbook: { en: 'Peacetime runbook', ja: '平常時ランブック', zh: '平时运行手册' },
  incident_runbook: {
    en: 'Incident runbook',
    ja: 'インシデント対応ランブック',
    zh: '事件响应手册',
  },
};

const VERSION_WORD: Record<Language, (version: number) => string> = {
  en: (v) => `version ${v}`,
  ja: (v) => `第${v}版`,
  zh: (v) => `第${v}版`,
};

/** "Service agreement, version 2" in the reader's language. */
export function documentTitle(kind: string, version: number, language: Language): string {
  const name = DOCUMENT_NAMES[kind]?.[language] ?? kind;
  return language === 'en'
    ? `${name}, ${VERSION_WORD.en(version)}`
    : `${name} ${VERSION_WORD[language](version)}`;
}
