import { LANGUAGES } from '@app/identity';
import {
  INCIDENT_EVENT_LABELS,
  INCIDENT_STATUS_LABELS,
} from '@app/incidents/domain/incident-labels';
import { INCIDENT_EVENT_TYPES, INCIDENT_STATUSES } from '@app/incidents/domain/incident-vocabulary';
import { catalogProblems } from '@app/platform';
import { PORTAL_MESSAGES } from './messages';

describe('portal message catalogs', () => {
  it('have every key in ja, en and zh, none empty, with the same placeholders as en', () => {
    expect(catalogProblems(PORTAL_MESSAGES)).toEqual([]);
  });

  it('translates rather than copies English', () => {
    expect(PORTAL_MESSAGES.messages('ja').get('login.title')).toBe('ログイン');
    expect(PORTAL_MESSAGES.messages('zh').get('login.title')).toBe('登录');
  });

  it.each([...LANGUAGES])(
    '%s words incident events and statuses exactly as the closure report does',
    (language) => {
      const flat = PORTAL_MESSAGES.messages(language);
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
