import { sampleAgreement } from '../../../../test/agreements/support/fixtures';
import { contactDomainErrors, readAgreementContent } from './agreement-content';

function fields(input: unknown): string[] {
  return readAgreementContent(input).errors.map((e) => e.field);
}

describe('agreement content validation', () => {
  it('accepts a complete agreement and normalises it', () => {
    const input = sampleAgreement();
    input.scope.countries = ['jp', 'CN'];
    input.escalationContacts[0].email = 'Security@Sakura.Example';
    input.escalationContacts[0].workingHours.days = ['fri', 'mon', 'tue', 'wed', 'thu'];
    const { value, errors } = readAgreementContent(input);
    expect(errors).toEqual([]);
    expect(value?.scope.countries).toEqual(['JP', 'CN']);
    expect(value?.escalationContacts[0].email).toBe('security@sakura.example');
    expect(value?.escalationContacts[0].workingHours.days).toEqual([
      'mon',
      'tue',
      'wed',
      'thu',
      'fri',
    ]);
    expect(value?.communication.otherLanguages).toEqual(['en']);
  });

  it('names every missing section of an empty body', () => {
    expect(fields({})).toEqual([
      'scope',
      'serviceHours',
      'sla',
      'responseAuthorisation',
      'communication',
      'escalationContacts',
      'minimumTuningPeriodDays',
    ]);
  });

  it('refuses an SLA that responds before it acknowledges, or promises a lower severity faster', () => {
    const input = sampleAgreement();
    input.sla.high.respondMinutes = 10;
    input.sla.medium.acknowledgeMinutes = 5;
    const { errors } = readAgreementContent(input);
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'sla.high.respondMinutes', reason: 'must not be shorter than acknowledgeMinutes' },
        {
          field: 'sla.medium.acknowledgeMinutes',
          reason: "must not be shorter than high's (30 min)",
        },
      ]),
    );
  });

  it('refuses a missing severity, a zero or fractional minute count and an unknown channel', () => {
    const input = sampleAgreement();
    delete input.sla.low;
    input.sla.critical.acknowledgeMinutes = 0;
    input.sla.high.respondMinutes = 1.5;
    input.sla.medium.channel = 'pager';
    expect(fields(input)).toEqual(
      expect.arrayContaining([
        'sla.low',
        'sla.critical.acknowledgeMinutes',
        'sla.high.respondMinutes',
        'sla.medium.channel',
      ]),
    );
  });

  it('refuses an unknown language, naming the field', () => {
    const input = sampleAgreement();
    input.communication.primaryLanguage = 'fr';
    input.communication.otherLanguages = ['en', 'de'];
    const { errors } = readAgreementContent(input);
    expect(errors).toEqual([
      { field: 'communication.primaryLanguage', reason: 'must be one of: ja, en, zh' },
      { field: 'communication.otherLanguages[1]', reason: 'must be one of: ja, en, zh' },
    ]);
  });

  it('refuses a primary language repeated among the others', () => {
    const input = sampleAgreement();
    input.communication.otherLanguages = ['ja'];
    expect(fields(input)).toEqual(['communication.otherLanguages']);
  });

  it('requires a timeout and fallback for collaborate, and refuses them for other modes', () => {
    const input = sampleAgreement();
    input.responseAuthorisation.isolate_host = { mode: 'collaborate' };
    input.responseAuthorisation.kill_process = { mode: 'notify', timeoutMinutes: 10 };
    input.responseAuthorisation.block_hash = { mode: 'ask' };
    expect(fields(input)).toEqual([
      'responseAuthorisation.isolate_host.timeoutMinutes',
      'responseAuthorisation.isolate_host.fallback',
      'responseAuthorisation.kill_process.timeoutMinutes',
      'responseAuthorisation.block_hash.mode',
    ]);
  });

  it('checks countries, sites, time zones, phones and working hours of contacts by index', () => {
    const input = sampleAgreement();
    input.scope.countries = ['JP', 'XX'];
    input.scope.sites[1].country = 'US';
    input.serviceHours = { coverage: '24x7', timeZone: 'Mars/Olympus' };
    input.escalationContacts[1].phone = '0312345678';
    input.escalationContacts[1].workingHours = { days: ['mon'], start: '18:00', end: '09:00' };
    input.escalationContacts[1].email = 'not-an-email';
    expect(fields(input)).toEqual([
      'scope.countries[1]',
      'scope.sites[1].country',
      'serviceHours.timeZone',
      'escalationContacts[1].email',
      'escalationContacts[1].phone',
      'escalationContacts[1].workingHours.end',
    ]);
  });

  it('refuses business-hours fields on 24x7 service and requires them for business hours', () => {
    const input = sampleAgreement();
    input.serviceHours = { coverage: '24x7', timeZone: 'Asia/Tokyo', start: '09:00' };
    expect(fields(input)).toEqual(['serviceHours.start']);
    input.serviceHours = { coverage: 'business_hours', timeZone: 'Asia/Tokyo' };
    expect(fields(input)).toEqual(['serviceHours.days', 'serviceHours.start', 'serviceHours.end']);
  });

  it('refuses unknown fields at any depth and duplicated contacts or assets', () => {
    const input = sampleAgreement();
    input.colour = 'blue';
    input.sla.high.pager = true;
    input.escalationContacts[1].email = 'security@sakura.example';
    input.neverTouch.push({ type: 'host', name: 'SK-ERP-DB01' });
    expect(fields(input)).toEqual([
      'colour',
      'sla.high.pager',
      'neverTouch[2].name',
      'escalationContacts[1].email',
    ]);
  });

  it('requires at least one escalation contact and a tuning period of 1 to 365 days', () => {
    const input = sampleAgreement();
    input.escalationContacts = [];
    input.minimumTuningPeriodDays = 0;
    expect(fields(input)).toEqual(['escalationContacts', 'minimumTuningPeriodDays']);
  });

  it("names each contact whose email is outside the customer's declared domains", () => {
    const { value } = readAgreementContent(sampleAgreement());
    expect(contactDomainErrors(value!, ['sakura.example'])).toEqual([]);
    const errors = contactDomainErrors(value!, ['sakura.co.jp']);
    expect(errors.map((e) => e.field)).toEqual([
      'escalationContacts[0].email',
      'escalationContacts[1].email',
    ]);
    expect(errors[0].reason).toContain('sakura.co.jp');
    expect(contactDomainErrors(value!, [])[0].reason).toContain('none declared');
  });
});
