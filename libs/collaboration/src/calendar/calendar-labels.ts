import type { Language } from '@app/access';
import type { MessageParams } from '@app/platform';
import {
  COLLABORATION_MESSAGE_FILES,
  COLLABORATION_MESSAGES,
} from '../messages/collaboration-messages';

/** The feed's words in the reader's language. */
export interface CalendarWords {
  calendarName: string;
  stepDue: (step: string, customer: string) => string;
  stepDueDescription: (step: string, engagement: string, state: string) => string;
  serviceStart: (customer: string) => string;
  serviceStartDescription: (engagement: string, onboarding: number) => string;
  tuningEnd: (customer: string) => string;
  tuningEndDescription: (engagement: string, days: number, at: string) => string;
  peacetime: (task: string, customer: string) => string;
  peacetimeDescription: (engagement: string, frequency: string) => string;
  state: Record<string, string>;
  frequency: Record<string, string>;
}

/** The feed's words (`calendar.*` in the collaboration catalog), typed per language. */
const WORDS: Readonly<Record<Language, CalendarWords>> = {
  ja: wordsIn('ja'),
  en: wordsIn('en'),
  zh: wordsIn('zh'),
};

function wordsIn(language: Language): CalendarWords {
  const words = COLLABORATION_MESSAGE_FILES[language].calendar;
  const t = (key: string, params: MessageParams) =>
    COLLABORATION_MESSAGES.translate(language, `calendar.${key}`, params);
  return {
    calendarName: words.calendarName,
    stepDue: (step, customer) => t('stepDue', { step, customer }),
    stepDueDescription: (step, engagement, state) =>
      t('stepDueDescription', { step, engagement, state }),
    serviceStart: (customer) => t('serviceStart', { customer }),
    serviceStartDescription: (engagement, onboarding) =>
      t('serviceStartDescription', { engagement, onboarding }),
    tuningEnd: (customer) => t('tuningEnd', { customer }),
    tuningEndDescription: (engagement, days, at) =>
      t('tuningEndDescription', { engagement, days, at }),
    peacetime: (task, customer) => t('peacetime', { task, customer }),
    peacetimeDescription: (engagement, frequency) =>
      t('peacetimeDescription', { engagement, frequency }),
    state: words.state,
    frequency: words.frequency,
  };
}

export function calendarWords(language: Language): CalendarWords {
  return WORDS[language] ?? WORDS.en;
}
