import type { Language } from '@app/access';
import { interpolate } from '@app/platform';
import { COLLABORATION_MESSAGE_FILES } from '../messages/collaboration-messages';

/** The readiness summary's words (its PDF; the portal page has its own catalog). */
export interface ReadinessWords {
  heading: (customer: string) => string;
  intro: (customer: string, provider: string, engagement: string, sequence: number) => string;
  asOf: (at: string) => string;
  forecast: string;
  planned: string;
  started: string;
  slipped: (days: number) => string;
  onPlan: string;
  progress: (done: number, total: number, percent: number) => string;
  waiting: string;
  nothingWaits: string;
  blockedLater: (count: number) => string;
  done: string;
  nothingDone: string;
  step: string;
  waitsOn: string;
  due: string;
  overdue: string;
  state: string;
  settledAt: string;
  party: Record<string, string>;
  stateName: Record<string, string>;
}

/** The summary's words (`readiness.*` in the collaboration catalog), typed per language. */
const WORDS: Readonly<Record<Language, ReadinessWords>> = {
  ja: wordsIn('ja'),
  en: wordsIn('en'),
  zh: wordsIn('zh'),
};

function wordsIn(language: Language): ReadinessWords {
  const { heading, intro, asOf, slipped, progress, blockedLater, ...words } =
    COLLABORATION_MESSAGE_FILES[language].readiness;
  return {
    ...words,
    heading: (customer) => interpolate(heading, { customer }),
    intro: (customer, provider, engagement, sequence) =>
      interpolate(intro, { customer, provider, engagement, sequence }),
    asOf: (at) => interpolate(asOf, { at }),
    slipped: (days) => interpolate(slipped, { days }),
    progress: (done, total, percent) => interpolate(progress, { done, total, percent }),
    blockedLater: (count) => interpolate(blockedLater, { count }),
  };
}

export function readinessWords(language: Language): ReadinessWords {
  return WORDS[language] ?? WORDS.en;
}
