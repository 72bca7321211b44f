import { sampleAgreement, sampleCatalogue } from '../../../../test/agreements/support/fixtures';
import { readAgreementContent } from './agreement-content';
import { findCatalogueMismatches } from './catalogue-check';
import { readServiceCatalogue } from './catalogue-content';
import { coversHours } from './service-hours';

const AT = new Date('2027-01-15T00:00:00Z');

function check(
  agreement: Record<string, any>,
  catalogue: Record<string, any>,
  language: 'en' | 'ja' | 'zh' = 'en',
): string[] {
  const a = readAgreementContent(agreement);
  const c = readServiceCatalogue(catalogue);
  expect(a.errors).toEqual([]);
  expect(c.errors).toEqual([]);
  return findCatalogueMismatches(a.value!, c.value!, 'Example MDR', language, AT);
}

describe('catalogue check', () => {
  it('finds nothing when the catalogue meets the agreement', () => {
    expect(check(sampleAgreement(), sampleCatalogue())).toEqual([]);
  });

  it('states every requirement the provider cannot meet, with its reason', () => {
    const agreement = sampleAgreement();
    agreement.communication.otherLanguages = ['en', 'zh'];
    agreement.sla.critical = { acknowledgeMinutes: 5, respondMinutes: 30, channel: 'phone' };
    const catalogue = sampleCatalogue();
    catalogue.supportedActions = ['isolate_host', 'kill_process', 'quarantine_file'];
    catalogue.serviceHours = {
      coverage: 'business_hours',
      timeZone: 'Asia/Tokyo',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '09:00',
      end: '18:00',
    };
    catalogue.channels = ['email', 'portal'];
    expect(check(agreement, catalogue)).toEqual([
      'The customer wants zh; Example MDR offers ja, en',
      "critical acknowledge in 5 min; Example MDR's best is 15 min",
      "critical respond in 30 min; Example MDR's best is 60 min",
      'The customer wants the provider to block_hash (authorize); Example MDR supports isolate_host, kill_process, quarantine_file',
      'The customer wants service 24x7; Example MDR offers Business hours (Mon–Fri 09:00–18:00 Asia/Tokyo)',
      'The customer wants phone for critical alerts; Example MDR offers email, portal',
      'The customer wants phone for high alerts; Example MDR offers email, portal',
      'The customer wants phone for communication; Example MDR offers email, portal',
    ]);
  });

  it('speaks Japanese and Chinese', () => {
    const agreement = sampleAgreement();
    agreement.communication.otherLanguages = ['zh'];
    const catalogue = sampleCatalogue();
    expect(check(agreement, catalogue, 'ja')).toEqual([
      'お客様は zh を希望していますが、Example MDR の対応言語は ja、en です',
    ]);
    expect(check(agreement, catalogue, 'zh')).toEqual(['客户需要 zh；Example MDR 提供 ja、en']);
  });

  it('compares business hours across time zones', () => {
    const tokyo = {
      coverage: 'business_hours' as const,
      timeZone: 'Asia/Tokyo',
      days: ['mon' as const],
      start: '09:00',
      end: '18:00',
    };
    // 09:00–18:00 Tokyo is 00:00–09:00 UTC.
    expect(
      coversHours(
        {
          coverage: 'business_hours',
          timeZone: 'UTC',
          days: ['mon'],
          start: '00:00',
          end: '09:00',
        },
        tokyo,
        AT,
      ),
    ).toBe(true);
    expect(
      coversHours(
        {
          coverage: 'business_hours',
          timeZone: 'UTC',
          days: ['mon'],
          start: '01:00',
          end: '09:00',
        },
        tokyo,
        AT,
      ),
    ).toBe(false);
    // Monday 08:00 in London (winter, UTC+0) is Monday 17:00 in Tokyo; a Sunday-night start wraps the week.
    const londonNight = {
      coverage: 'business_hours' as const,
      timeZone: 'Europe/London',
      days: ['sun' as const],
      start: '20:00',
      end: '24:00',
    };
    expect(
      coversHours(
        {
          coverage: 'business_hours',
          timeZone: 'Asia/Tokyo',
          days: ['mon'],
          start: '05:00',
          end: '09:00',
        },
        londonNight,
        AT,
      ),
    ).toBe(true);
    expect(coversHours({ coverage: '24x7', timeZone: 'UTC' }, tokyo, AT)).toBe(true);
    expect(coversHours(tokyo, { coverage: '24x7', timeZone: 'UTC' }, AT)).toBe(false);
  });

  it('validates the catalogue, naming the field', () => {
    const catalogue = sampleCatalogue();
    catalogue.languages = ['ja', 'fr'];
    catalogue.bestSlaMinutes.high.respondMinutes = 5;
    catalogue.supportedActions = ['isolate_host', 'isolate_host'];
    expect(readServiceCatalogue(catalogue).errors.map((e) => e.field)).toEqual([
      'supportedActions[1]',
      'languages[1]',
      'bestSlaMinutes.high.respondMinutes',
    ]);
  });
});
