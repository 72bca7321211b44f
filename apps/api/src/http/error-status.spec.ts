import { CATALOGS, flattenMessages } from '../portal/i18n/messages';
import { errorMessageKey } from '../portal/errors/error-message-key';
import { ERROR_CODES_BY_PART, ERROR_STATUS } from './error-status';

const declared = Object.entries(ERROR_CODES_BY_PART).flatMap(([part, codes]) =>
  codes.map((code) => ({ part, code })),
);
const LANGUAGES = ['ja', 'en', 'zh'] as const;

describe('the error vocabulary', () => {
  it('declares each code in one part only', () => {
    const seen = new Map<string, string>();
    const twice = declared.filter(({ part, code }) => {
      const first = seen.get(code);
      seen.set(code, first ?? part);
      return first !== undefined;
    });
    expect(twice).toEqual([]);
  });

  it('gives every declared code an HTTP status, and lists no code nobody declares', () => {
    const statuses = ERROR_STATUS as Readonly<Record<string, number>>;
    const missing = declared.filter(
      ({ code }) =>
        !Number.isInteger(statuses[code]) || statuses[code] < 400 || statuses[code] > 599,
    );
    expect(missing).toEqual([]);
    const codes = new Set<string>(declared.map(({ code }) => code));
    expect(Object.keys(statuses).filter((code) => !codes.has(code))).toEqual([]);
  });

  it.each(LANGUAGES)('explains every declared code in %s', (language) => {
    const messages = flattenMessages(CATALOGS[language]);
    const missing = declared
      .map(({ code }) => errorMessageKey(code))
      .filter((key) => !messages.get(key)?.trim());
    expect(missing).toEqual([]);
  });

  it('keeps no message for a code nobody declares', () => {
    const codes = new Set<string>(declared.map(({ code }) => code));
    for (const language of LANGUAGES) {
      const stray = [...flattenMessages(CATALOGS[language]).keys()]
        .filter((key) => key.startsWith(errorMessageKey('')))
        .filter((key) => !codes.has(key.slice(errorMessageKey('').length)));
      expect(stray).toEqual([]);
    }
  });
});
