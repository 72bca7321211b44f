import type { FieldError } from '@app/platform/errors/domain-exception';
import { LANGUAGES, Language } from '@app/access';
import { isCountryCode } from './country-codes';
import { FieldReader, fieldPath } from './field-reader';
import {
  readServiceHours,
  readTimeZone,
  readWeeklyHours,
  ServiceHours,
  WeeklyHours,
} from './service-hours';
import {
  ASSET_TYPES,
  AssetType,
  AUTHORISATION_MODES,
  AuthorisationMode,
  Channel,
  CHANNELS,
  COLLABORATE_FALLBACKS,
  CollaborateFallback,
  RESPONSE_ACTIONS,
  ResponseAction,
  SEVERITIES,
  Severity,
} from './vocabulary';

export interface AgreementScope {
  /** Endpoint counts by type. */
  endpoints: { client: number; server: number };
  /** ISO 3166-1 alpha-2, upper case. */
  countries: string[];
  sites: Array<{ name: string; country: string }>;
}

export interface SeveritySla {
  acknowledgeMinutes: number;
  respondMinutes: number;
  channel: Channel;
}

export interface ActionAuthorisation {
  mode: AuthorisationMode;
  /** collaborate only: how long the provider waits for the customer. */
  timeoutMinutes?: number;
  /** collaborate only: what the provider does when the customer has not answered in time. */
  fallback?: CollaborateFallback;
}

export interface NeverTouchAsset {
  type: AssetType;
  name: string;
  reason?: string;
}

export interface Communication {
  primaryLanguage: Language;
  otherLanguages: Language[];
  channels: Channel[];
}

export interface EscalationContact {
  name: string;
  email: string;
  phone: string;
  country: string;
  timeZone: string;
  workingHours: WeeklyHours;
  role: string;
}

/** The content of one version of an MDR service agreement. */
export interface AgreementContent {
  scope: AgreementScope;
  serviceHours: ServiceHours;
  sla: Record<Severity, SeveritySla>;
  responseAuthorisation: Record<ResponseAction, ActionAuthorisation>;
  neverTouch: NeverTouchAsset[];
  communication: Communication;
  /** In escalation order: the first is called first. */
  escalationContacts: EscalationContact[];
  /** The least number of days the sensors stay in detect mode for tuning before block mode. */
  minimumTuningPeriodDays: number;
}

const AGREEMENT_SECTIONS = [
  'scope',
  'serviceHours',
  'sla',
  'responseAuthorisation',
  'neverTouch',
  'communication',
  'escalationContacts',
  'minimumTuningPeriodDays',
] as const satisfies ReadonlyArray<keyof AgreementContent>;

/** A week, in minutes: the longest SLA or collaboration timeout we accept. */
const MAX_MINUTES = 7 * 24 * 60;
const EMAIL = /^[^\s@]+@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const PHONE = /^\+[1-9][0-9 ()-]{5,22}[0-9]$/;

function readCountry(reader: FieldReader, value: unknown, path: string): string | null {
  const code = reader.string(value, path, {
    max: 2,
    min: 2,
    pattern: /^[A-Za-z]{2}$/,
    patternReason: 'must be an ISO 3166-1 alpha-2 country code',
  });
  if (code === null) return null;
  const upper = code.toUpperCase();
  if (!isCountryCode(upper)) return reader.fail(path, 'must be an ISO 3166-1 alpha-2 country code');
  return upper;
}

function readScope(reader: FieldReader, value: unknown, path: string): AgreementScope | null {
  const record = reader.object(value, path, ['endpoints', 'countries', 'sites']);
  if (!record) return null;
  const endpointsPath = fieldPath(path, 'endpoints');
  const endpointsRecord = reader.object(record.endpoints, endpointsPath, ['client', 'server']);
  const client = endpointsRecord
    ? reader.int(endpointsRecord.client, fieldPath(endpointsPath, 'client'), {
        min: 0,
        max: 1_000_000,
      })
    : null;
  const server = endpointsRecord
    ? reader.int(endpointsRecord.server, fieldPath(endpointsPath, 'server'), {
        min: 0,
        max: 1_000_000,
      })
    : null;
  if (client === 0 && server === 0) reader.fail(endpointsPath, 'must count at least one endpoint');

  const countriesPath = fieldPath(path, 'countries');
  const countryItems = reader.array(record.countries, countriesPath, { min: 1, max: 250 });
  const countries: string[] = [];
  countryItems?.forEach((item, index) => {
    const code = readCountry(reader, item, fieldPath(countriesPath, index));
    if (code === null) return;
    if (countries.includes(code)) reader.fail(fieldPath(countriesPath, index), `repeats ${code}`);
    else countries.push(code);
  });

  const sitesPath = fieldPath(path, 'sites');
  const siteItems = reader.array(record.sites, sitesPath, { max: 500 });
  const sites: AgreementScope['sites'] = [];
  siteItems?.forEach((item, index) => {
    const sitePath = fieldPath(sitesPath, index);
    const site = reader.object(item, sitePath, ['name', 'country']);
    if (!site) return;
    const name = reader.string(site.name, fieldPath(sitePath, 'name'), { max: 200 });
    const country = readCountry(reader, site.country, fieldPath(sitePath, 'country'));
    if (country && countryItems && !countries.includes(country)) {
      reader.fail(fieldPath(sitePath, 'country'), `${country} is not one of scope.countries`);
    }
    if (name && country) sites.push({ name, country });
  });
  if (client === null || server === null || !countryItems || !siteItems) return null;
  return { endpoints: { client, server }, countries, sites };
}

function readSla(
  reader: FieldReader,
  value: unknown,
  path: string,
): Record<Severity, SeveritySla> | null {
  const record = reader.object(value, path, SEVERITIES);
  if (!record) return null;
  const result: Partial<Record<Severity, SeveritySla>> = {};
  for (const severity of SEVERITIES) {
    const severityPath = fieldPath(path, severity);
    const entry = reader.object(record[severity], severityPath, [
      'acknowledgeMinutes',
      'respondMinutes',
      'channel',
    ]);
    if (!entry) continue;
    const acknowledgeMinutes = reader.int(
      entry.acknowledgeMinutes,
      fieldPath(severityPath, 'acknowledgeMinutes'),
      { min: 1, max: MAX_MINUTES },
    );
    const respondMinutes = reader.int(
      entry.respondMinutes,
      fieldPath(severityPath, 'respondMinutes'),
      { min: 1, max: MAX_MINUTES },
    );
    const channel = reader.oneOf(entry.channel, fieldPath(severityPath, 'channel'), CHANNELS);
    if (
      acknowledgeMinutes !== null &&
      respondMinutes !== null &&
      respondMinutes < acknowledgeMinutes
    ) {
      reader.fail(
        fieldPath(severityPath, 'respondMinutes'),
        'must not be shorter than acknowledgeMinutes',
      );
    }
    if (acknowledgeMinutes !== null && respondMinutes !== null && channel !== null) {
      result[severity] = { acknowledgeMinutes, respondMinutes, channel };
    }
  }
  // A less severe alert may not be promised faster than a more severe one.
  for (let i = 1; i < SEVERITIES.length; i += 1) {
    const higher = result[SEVERITIES[i - 1]];
    const lower = result[SEVERITIES[i]];
    if (!higher || !lower) continue;
    for (const key of ['acknowledgeMinutes', 'respondMinutes'] as const) {
      if (lower[key] < higher[key]) {
        reader.fail(
          fieldPath(fieldPath(path, SEVERITIES[i]), key),
          `must not be shorter than ${SEVERITIES[i - 1]}'s (${higher[key]} min)`,
        );
      }
    }
  }
  return SEVERITIES.every((s) => result[s]) ? (result as Record<Severity, SeveritySla>) : null;
}

function readAuthorisation(
  reader: FieldReader,
  value: unknown,
  path: string,
): Record<ResponseAction, ActionAuthorisation> | null {
  const record = reader.object(value, path, RESPONSE_ACTIONS);
  if (!record) return null;
  const result: Partial<Record<ResponseAction, ActionAuthorisation>> = {};
  for (const action of RESPONSE_ACTIONS) {
    const actionPath = fieldPath(path, action);
    const entry = reader.object(record[action], actionPath, ['mode', 'timeoutMinutes', 'fallback']);
    if (!entry) continue;
    const mode = reader.oneOf(entry.mode, fieldPath(actionPath, 'mode'), AUTHORISATION_MODES);
    if (mode === 'collaborate') {
      const timeoutMinutes = reader.int(
        entry.timeoutMinutes,
        fieldPath(actionPath, 'timeoutMinutes'),
        { min: 1, max: MAX_MINUTES },
      );
      const fallback = reader.oneOf(
        entry.fallback,
        fieldPath(actionPath, 'fallback'),
        COLLABORATE_FALLBACKS,
      );
      if (timeoutMinutes !== null && fallback !== null)
        result[action] = { mode, timeoutMinutes, fallback };
    } else if (mode !== null) {
      reader.absent(
        entry,
        actionPath,
        ['timeoutMinutes', 'fallback'],
        'applies to the collaborate mode only',
      );
      result[action] = { mode };
    }
  }
  return RESPONSE_ACTIONS.every((a) => result[a])
    ? (result as Record<ResponseAction, ActionAuthorisation>)
    : null;
}

function readNeverTouch(
  reader: FieldReader,
  value: unknown,
  path: string,
): NeverTouchAsset[] | null {
  const items = reader.array(value, path, { max: 1000 });
  if (!items) return null;
  const result: NeverTouchAsset[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const itemPath = fieldPath(path, index);
    const record = reader.object(item, itemPath, ['type', 'name', 'reason']);
    if (!record) return;
    const type = reader.oneOf(record.type, fieldPath(itemPath, 'type'), ASSET_TYPES);
    const name = reader.string(record.name, fieldPath(itemPath, 'name'), { max: 255 });
    const reason = reader.optionalString(record.reason, fieldPath(itemPath, 'reason'), {
      max: 500,
    });
    if (!type || !name) return;
    const key = `${type}:${name.toLowerCase()}`;
    if (seen.has(key)) {
      reader.fail(fieldPath(itemPath, 'name'), `repeats the ${type} ${name}`);
      return;
    }
    seen.add(key);
    result.push(reason ? { type, name, reason } : { type, name });
  });
  return result;
}

function readCommunication(
  reader: FieldReader,
  value: unknown,
  path: string,
): Communication | null {
  const record = reader.object(value, path, ['primaryLanguage', 'otherLanguages', 'channels']);
  if (!record) return null;
  const primaryLanguage = reader.oneOf(
    record.primaryLanguage,
    fieldPath(path, 'primaryLanguage'),
    LANGUAGES,
  );
  const otherLanguages = reader.setOf(
    record.otherLanguages ?? [],
    fieldPath(path, 'otherLanguages'),
    LANGUAGES,
    { max: LANGUAGES.length },
  );
  if (primaryLanguage && otherLanguages?.includes(primaryLanguage)) {
    reader.fail(
      fieldPath(path, 'otherLanguages'),
      `must not repeat the primary language ${primaryLanguage}`,
    );
  }
  const channels = reader.setOf(record.channels, fieldPath(path, 'channels'), CHANNELS, {
    min: 1,
    max: CHANNELS.length,
  });
  if (!primaryLanguage || !otherLanguages || !channels) return null;
  return { primaryLanguage, otherLanguages, channels };
}

function readContacts(
  reader: FieldReader,
  value: unknown,
  path: string,
): EscalationContact[] | null {
  const items = reader.array(value, path, { min: 1, max: 50 });
  if (!items) return null;
  const result: EscalationContact[] = [];
  const emails = new Set<string>();
  items.forEach((item, index) => {
    const itemPath = fieldPath(path, index);
    const record = reader.object(item, itemPath, [
      'name',
      'email',
      'phone',
      'country',
      'timeZone',
      'workingHours',
      'role',
    ]);
    if (!record) return;
    const name = reader.string(record.name, fieldPath(itemPath, 'name'), { max: 200 });
    const rawEmail = reader.string(record.email, fieldPath(itemPath, 'email'), {
      max: 254,
      pattern: EMAIL,
      patternReason: 'must be an email address',
    });
    const email = rawEmail?.toLowerCase() ?? null;
    if (email && emails.has(email)) reader.fail(fieldPath(itemPath, 'email'), `repeats ${email}`);
    if (email) emails.add(email);
    const phone = reader.string(record.phone, fieldPath(itemPath, 'phone'), {
      max: 32,
      pattern: PHONE,
      patternReason: 'must be an international number such as +81 3 1234 5678',
    });
    const country = readCountry(reader, record.country, fieldPath(itemPath, 'country'));
    const timeZone = readTimeZone(reader, record.timeZone, fieldPath(itemPath, 'timeZone'));
    const workingHours = readWeeklyHours(
      reader,
      record.workingHours,
      fieldPath(itemPath, 'workingHours'),
    );
    const role = reader.string(record.role, fieldPath(itemPath, 'role'), { max: 100 });
    if (name && email && phone && country && timeZone && workingHours && role) {
      result.push({ name, email, phone, country, timeZone, workingHours, role });
    }
  });
  return result;
}

export interface ReadResult<T> {
  value: T | null;
  errors: FieldError[];
}

/**
 * Validates untrusted agreement content and returns it normalised (trimmed strings, upper-case
 * country codes, lower-case emails, sorted days), or every error as a field path and a reason,
 * e.g. `sla.high.respondMinutes` or `escalationContacts[1].email`.
 */
export function readAgreementContent(input: unknown): ReadResult<AgreementContent> {
  const reader = new FieldReader();
  const record = reader.object(input, '', AGREEMENT_SECTIONS);
  if (!record) return { value: null, errors: reader.errors };
  const content = {
    scope: readScope(reader, record.scope, 'scope'),
    serviceHours: readServiceHours(reader, record.serviceHours, 'serviceHours'),
    sla: readSla(reader, record.sla, 'sla'),
    responseAuthorisation: readAuthorisation(
      reader,
      record.responseAuthorisation,
      'responseAuthorisation',
    ),
    neverTouch: readNeverTouch(reader, record.neverTouch ?? [], 'neverTouch'),
    communication: readCommunication(reader, record.communication, 'communication'),
    escalationContacts: readContacts(reader, record.escalationContacts, 'escalationContacts'),
    minimumTuningPeriodDays: reader.int(record.minimumTuningPeriodDays, 'minimumTuningPeriodDays', {
      min: 1,
      max: 365,
    }),
  };
  if (!reader.ok) return { value: null, errors: reader.errors };
  return { value: content as AgreementContent, errors: [] };
}

/**
 * Every escalation contact's email must be in one of the customer organisation's declared
 * domains (exact match, case-insensitive); otherwise an error naming the contact's email field.
 */
export function contactDomainErrors(
  content: AgreementContent,
  emailDomains: readonly string[],
): FieldError[] {
  const domains = emailDomains.map((d) => d.toLowerCase());
  return content.escalationContacts.flatMap((contact, index) => {
    const domain = contact.email.slice(contact.email.lastIndexOf('@') + 1).toLowerCase();
    if (domains.includes(domain)) return [];
    const declared = domains.length ? domains.join(', ') : 'none declared';
    return [
      {
        field: `escalationContacts[${index}].email`,
        reason: `${contact.email} is not in the customer organisation's email domains (${declared})`,
      },
    ];
  });
}
