/**
 * Times as a person reads them: in their language and their time zone, with the zone named
 * ("2026年11月2日 12:00 JST", "2 Nov 2026, 12:00 GMT+9"). Calendar days (due dates, planned
 * starts) are days, not moments: they are written as the day they are, never shifted by a zone.
 */
export type ReaderLanguage = 'ja' | 'en' | 'zh';

export interface Reader {
  language: ReaderLanguage;
  /** An IANA time zone, e.g. Asia/Tokyo. */
  timeZone: string;
}

const LOCALES: Readonly<Record<ReaderLanguage, string>> = { ja: 'ja-JP', en: 'en-GB', zh: 'zh-CN' };

export const UTC_READER_ZONE = 'UTC';

const KNOWN_ZONES = new Set<string>([UTC_READER_ZONE, ...Intl.supportedValuesOf('timeZone')]);

/** Whether `zone` is an IANA time zone this runtime knows (Asia/Tokyo, UTC, …). */
export function isTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && KNOWN_ZONES.has(zone);
}

const momentFormats = new Map<string, Intl.DateTimeFormat>();
const zoneNames = new Map<string, Intl.DateTimeFormat>();

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  key: string,
  make: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

/**
 * Written moments by locale, zone, style and minute: the text shows minutes, so every instant of
 * one minute reads the same (the zone's name too: offsets change on whole minutes). A page shows
 * the same times again on every refresh, and formatting one (two Intl calls, the zone name
 * through formatToParts) costs more than the rest of its row. Bounded: emptied when full.
 */
const writtenMoments = new Map<string, string>();
const WRITTEN_MOMENTS_MAX = 10_000;
const MINUTE_MS = 60_000;

/** A moment in the reader's zone and language, the zone named after it. */
export function formatMoment(
  at: Date,
  reader: Reader,
  style: 'medium' | 'long' = 'medium',
): string {
  const zone = isTimeZone(reader.timeZone) ? reader.timeZone : UTC_READER_ZONE;
  const locale = LOCALES[reader.language] ?? LOCALES.en;
  const ms = at.getTime();
  // An invalid date is not remembered: Intl throws for it as before.
  if (!Number.isFinite(ms)) return writeMoment(at, locale, zone, style);
  const key = `${locale}|${zone}|${style}|${Math.floor(ms / MINUTE_MS)}`;
  let text = writtenMoments.get(key);
  if (text === undefined) {
    text = writeMoment(at, locale, zone, style);
    if (writtenMoments.size >= WRITTEN_MOMENTS_MAX) writtenMoments.clear();
    writtenMoments.set(key, text);
  }
  return text;
}

function writeMoment(at: Date, locale: string, zone: string, style: 'medium' | 'long'): string {
  const text = cached(
    momentFormats,
    `${locale}|${zone}|${style}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeStyle: 'short', timeZone: zone }),
  ).format(at);
  const name = cached(
    zoneNames,
    `${locale}|${zone}`,
    () => new Intl.DateTimeFormat(locale, { timeZoneName: 'short', timeZone: zone }),
  )
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  return name ? `${text} ${name}` : text;
}

/** A calendar day (a Date at UTC midnight, or YYYY-MM-DD) in the reader's language. */
export function formatDay(
  day: Date | string,
  language: ReaderLanguage,
  style: 'medium' | 'long' = 'medium',
): string {
  const date = typeof day === 'string' ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : day;
  const locale = LOCALES[language] ?? LOCALES.en;
  return writtenDay(date, locale, UTC_READER_ZONE, style);
}

/** The day a moment falls on in the reader's zone (a service started late on the 2nd in UTC is the 3rd in Tokyo). */
export function formatMomentDay(
  at: Date,
  reader: Reader,
  style: 'medium' | 'long' = 'medium',
): string {
  const zone = isTimeZone(reader.timeZone) ? reader.timeZone : UTC_READER_ZONE;
  const locale = LOCALES[reader.language] ?? LOCALES.en;
  return writtenDay(at, locale, zone, style);
}

/**
 * Written days by locale, zone, style and instant, for the reason moments are remembered: a page
 * writes the same due dates on every refresh. Bounded: emptied when full.
 */
const writtenDays = new Map<string, string>();

function writtenDay(at: Date, locale: string, zone: string, style: 'medium' | 'long'): string {
  const format = (): string =>
    cached(
      momentFormats,
      zone === UTC_READER_ZONE ? `${locale}|day|${style}` : `${locale}|${zone}|day|${style}`,
      () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: zone }),
    ).format(at);
  const ms = at.getTime();
  // An invalid date is not remembered: Intl throws for it as before.
  if (!Number.isFinite(ms)) return format();
  const key = `${locale}|${zone}|${style}|${ms}`;
  let text = writtenDays.get(key);
  if (text === undefined) {
    text = format();
    if (writtenDays.size >= WRITTEN_MOMENTS_MAX) writtenDays.clear();
    writtenDays.set(key, text);
  }
  return text;
}

/** Whether a value is a calendar day rather than a moment: YYYY-MM-DD, or a Date at UTC midnight. */
export function isCalendarDay(value: Date | string): boolean {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value);
  return (
    value.getUTCHours() === 0 &&
    value.getUTCMinutes() === 0 &&
    value.getUTCSeconds() === 0 &&
    value.getUTCMilliseconds() === 0
  );
}

/**
 * The usual time zone of a country (ISO 3166 alpha-2), for people and organisations who have
 * not chosen one; a country spanning several zones gets its capital's. Unknown: UTC.
 */
const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  JP: 'Asia/Tokyo',
  CN: 'Asia/Shanghai',
  HK: 'Asia/Hong_Kong',
  TW: 'Asia/Taipei',
  KR: 'Asia/Seoul',
  SG: 'Asia/Singapore',
  TH: 'Asia/Bangkok',
  VN: 'Asia/Ho_Chi_Minh',
  PH: 'Asia/Manila',
  MY: 'Asia/Kuala_Lumpur',
  ID: 'Asia/Jakarta',
  IN: 'Asia/Kolkata',
  AU: 'Australia/Sydney',
  NZ: 'Pacific/Auckland',
  GB: 'Europe/London',
  IE: 'Europe/Dublin',
  DE: 'Europe/Berlin',
  FR: 'Europe/Paris',
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
  ES: 'Europe/Madrid',
  IT: 'Europe/Rome',
  CH: 'Europe/Zurich',
  AT: 'Europe/Vienna',
  SE: 'Europe/Stockholm',
  NO: 'Europe/Oslo',
  DK: 'Europe/Copenhagen',
  FI: 'Europe/Helsinki',
  PL: 'Europe/Warsaw',
  CZ: 'Europe/Prague',
  US: 'America/New_York',
  CA: 'America/Toronto',
  MX: 'America/Mexico_City',
  BR: 'America/Sao_Paulo',
  AR: 'America/Argentina/Buenos_Aires',
  AE: 'Asia/Dubai',
  SA: 'Asia/Riyadh',
  IL: 'Asia/Jerusalem',
  TR: 'Europe/Istanbul',
  ZA: 'Africa/Johannesburg',
};

export function countryTimeZone(countryCode: string | null | undefined): string | null {
  return countryCode ? (COUNTRY_ZONES[countryCode.toUpperCase()] ?? null) : null;
}
