import { LANGUAGES } from '@app/identity';
import {
  INCIDENT_EVENT_LABELS,
  INCIDENT_STATUS_LABELS,
} from '@app/incidents/domain/incident-labels';
import { INCIDENT_EVENT_TYPES, INCIDENT_STATUSES } from '@app/incidents/domain/incident-vocabulary';
import { CATALOGS, flattenMessages } from './messages';

describe('portal message catalogs', () => {
  const keys = (language: (typeof LANGUAGES)[number]): string[] =>
    [...flattenMessages(CATALOGS[language]).keys()].sort();

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the keys of en', (language) => {
    expect(keys(language)).toEqual(keys('en'));
  });

  it.each([...LANGUAGES])('%s has no empty messages', (language) => {
    const empty = [...flattenMessages(CATALOGS[language])].filter(([, text]) => !text.trim());
    expect(empty).toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))(
    '%s uses the same placeholders as en',
    (language) => {
      const placeholders = (text: string): string[] => (text.match(/\{\w+\}/g) ?? []).sort();
      const english = flattenMessages(CATALOGS.en);
      for (const [key, text] of flattenMessages(CATALOGS[language])) {
        expect({ key, placeholders: placeholders(text) }).toEqual({
          key,
          placeholders: placeholders(english.get(key) ?? ''),
        });
      }
    },
  );

  it('translates rather than copies English', () => {
    expect(flattenMessages(CATALOGS.ja).get('login.title')).toBe('ログイン');
    expect(flattenMessages(CATALOGS.zh).get('login.title')).toBe('登录');
  });

  it.each([...LANGUAGES])(
    '%s words incident events and statuses exactly as the closure report does',
    (language) => {
      const flat = flattenMessages(CATALOGS[language]);
      for (const type of INCIDENT_EVENT_TYPES) {
        expect(flat.get(`incidentPages.event.${type}`)).toBe(INCIDENT_EVENT_LABELS[language][type]);
      }
      for (const status of INCIDENT_STATUSES) {
        expect(flat.get(`incidentPages.status.${status}`)).toBe(
          INCIDENT_STATUS_LABELS[language][status],
        );
      }
    },
  );
});
