import { countryTimeZone, isTimeZone, UTC_READER_ZONE } from '@app/platform';

/** What decides the zone a person reads times in, most specific first. */
export interface ZoneSources {
  userTimeZone: string | null;
  /** Countries the person's memberships name (country IT staff). */
  countryCodes: readonly string[];
  organisationTimeZone: string | null;
  organisationCountryCode: string | null;
}

/**
 * The person's own choice; else the country they work for (one country's IT staff); else their
 * organisation's zone, else its country's; else UTC.
 */
export function readerZone(sources: ZoneSources): string {
  if (isTimeZone(sources.userTimeZone)) return sources.userTimeZone;
  const country =
    sources.countryCodes.length === 1 ? countryTimeZone(sources.countryCodes[0]) : null;
  if (country) return country;
  if (isTimeZone(sources.organisationTimeZone)) return sources.organisationTimeZone;
  return countryTimeZone(sources.organisationCountryCode) ?? UTC_READER_ZONE;
}

/** SQL columns (user `u`, organisation `o`) readerZone needs, to select beside a user. */
export const READER_ZONE_COLUMNS = `u.time_zone AS user_time_zone, o.time_zone AS organisation_time_zone, o.country_code AS organisation_country_code`;
