// Sample agreement and catalogue content: the demo scenario proposes them, and the agreements tests use them.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- drafts of many shapes, edited freely by their users
export type Drafted = Record<string, any>;

const weekdays9To6 = () => ({
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '09:00',
  end: '18:00',
});

/** A complete, valid agreement for Sakura Manufacturing (contacts in sakura.example). */
export function sampleAgreement(): Drafted {
  return {
    scope: {
      endpoints: { client: 1200, server: 150 },
      countries: ['JP', 'CN'],
      sites: [
        { name: 'Nagoya head office', country: 'JP' },
        { name: 'Suzhou plant', country: 'CN' },
      ],
    },
    serviceHours: { coverage: '24x7', timeZone: 'Asia/Tokyo' },
    sla: {
      critical: { acknowledgeMinutes: 15, respondMinutes: 60, channel: 'phone' },
      high: { acknowledgeMinutes: 30, respondMinutes: 120, channel: 'phone' },
      medium: { acknowledgeMinutes: 120, respondMinutes: 480, channel: 'email' },
      low: { acknowledgeMinutes: 480, respondMinutes: 1440, channel: 'email' },
    },
    responseAuthorisation: {
      isolate_host: { mode: 'collaborate', timeoutMinutes: 30, fallback: 'act' },
      kill_process: { mode: 'authorize' },
      quarantine_file: { mode: 'authorize' },
      block_hash: { mode: 'authorize' },
      disable_account: { mode: 'notify' },
    },
    neverTouch: [
      {
        type: 'group',
        name: 'Production line controllers',
        reason: 'OT systems; a change needs a plant shutdown',
      },
      { type: 'host', name: 'sk-erp-db01' },
    ],
    communication: {
      primaryLanguage: 'ja',
      otherLanguages: ['en'],
      channels: ['phone', 'email', 'portal'],
    },
    escalationContacts: [
      {
        name: '佐藤 花子',
        email: 'security@sakura.example',
        phone: '+81 3 1234 5678',
        country: 'JP',
        timeZone: 'Asia/Tokyo',
        workingHours: weekdays9To6(),
        role: 'Security lead',
      },
      {
        name: '王 伟',
        email: 'it-cn@sakura.example',
        phone: '+86 512 1234 5678',
        country: 'CN',
        timeZone: 'Asia/Shanghai',
        workingHours: weekdays9To6(),
        role: 'IT staff, China',
      },
    ],
    minimumTuningPeriodDays: 30,
  };
}

/** The same agreement for Northwind Retail (English, northwind.example). */
export function northwindAgreement(): Drafted {
  const agreement = sampleAgreement();
  agreement.scope = {
    endpoints: { client: 300, server: 20 },
    countries: ['GB'],
    sites: [{ name: 'Leeds store support centre', country: 'GB' }],
  };
  agreement.serviceHours = {
    coverage: 'business_hours',
    timeZone: 'Europe/London',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    start: '08:00',
    end: '18:00',
  };
  agreement.communication = {
    primaryLanguage: 'en',
    otherLanguages: [],
    channels: ['email', 'phone'],
  };
  agreement.escalationContacts = [
    {
      name: 'Jordan Smith',
      email: 'security@northwind.example',
      phone: '+44 113 496 0000',
      country: 'GB',
      timeZone: 'Europe/London',
      workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '17:30' },
      role: 'Security lead',
    },
  ];
  return agreement;
}

/** A catalogue that meets sampleAgreement() in every respect. */
export function sampleCatalogue(): Drafted {
  return {
    supportedActions: [
      'isolate_host',
      'kill_process',
      'quarantine_file',
      'block_hash',
      'disable_account',
    ],
    languages: ['ja', 'en'],
    serviceHours: { coverage: '24x7', timeZone: 'UTC' },
    bestSlaMinutes: {
      critical: { acknowledgeMinutes: 15, respondMinutes: 60 },
      high: { acknowledgeMinutes: 30, respondMinutes: 120 },
      medium: { acknowledgeMinutes: 60, respondMinutes: 240 },
      low: { acknowledgeMinutes: 240, respondMinutes: 1440 },
    },
    channels: ['phone', 'email', 'portal', 'chat'],
  };
}
