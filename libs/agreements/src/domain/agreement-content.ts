import { z } from 'zod';
import { LANGUAGES } from '@app/access';
import {
  crossFieldRule,
  IF_VALID_SO_FAR,
  distinctList,
  integer,
  list,
  oneOf,
  optional,
  optionalList,
  parseStored,
  readPayload,
  ReadResult,
  record,
  noRepeats,
  text,
  validPart,
} from '@app/platform';
import type { FieldError } from '@app/platform/errors/domain-exception';
import { isCountryCode } from './country-codes';
import { serviceHoursSchema, timeZoneSchema, weeklyHoursSchema } from './service-hours';
import {
  ASSET_TYPES,
  AUTHORISATION_MODES,
  CHANNELS,
  COLLABORATE_FALLBACKS,
  RESPONSE_ACTIONS,
  SEVERITIES,
  Severity,
} from './vocabulary';

export type { ReadResult } from '@app/platform';

/** A week, in minutes: the longest SLA or collaboration timeout we accept. */
const MAX_MINUTES = 7 * 24 * 60;
const EMAIL = /^[^\s@]+@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const PHONE = /^\+[1-9][0-9 ()-]{5,22}[0-9]$/;
const COUNTRY_REASON = 'must be an ISO 3166-1 alpha-2 country code';

/** ISO 3166-1 alpha-2, stored upper case. */
const countrySchema = text({
  min: 2,
  max: 2,
  pattern: /^[A-Za-z]{2}$/,
  patternReason: COUNTRY_REASON,
})
  .toUpperCase()
  .refine(isCountryCode, { error: COUNTRY_REASON, ...IF_VALID_SO_FAR })
  .meta({ description: 'ISO 3166-1 alpha-2', example: 'JP' });

const COUNTRIES_COUNT = { min: 1, max: 250 };
const SITES_COUNT = { max: 500 };
const endpointCount = integer({ min: 0, max: 1_000_000 });

const scopeSchema = record({
  /** Endpoint counts by type. */
  endpoints: record({ client: endpointCount, server: endpointCount }).check(
    crossFieldRule((fields, context) => {
      if (
        validPart(endpointCount, fields.client) === 0 &&
        validPart(endpointCount, fields.server) === 0
      )
        context.refuse([], 'must count at least one endpoint');
    }),
  ),
  countries: distinctList(countrySchema, COUNTRIES_COUNT),
  sites: list(
    record({
      name: text({ max: 200 }).meta({ example: 'Nagoya head office' }),
      country: countrySchema.meta({ description: 'ISO 3166-1 alpha-2, one of scope.countries' }),
    }),
    SITES_COUNT,
  ),
}).check(
  // A site lies in one of the countries in scope (when both are lists of a valid length).
  crossFieldRule((fields, context) => {
    const countryItems = validPart(list(z.unknown(), COUNTRIES_COUNT), fields.countries);
    const siteItems = validPart(list(z.unknown(), SITES_COUNT), fields.sites);
    if (!countryItems || !siteItems) return;
    const countries = countryItems.map((c) => validPart(countrySchema, c));
    siteItems.forEach((site, index) => {
      const country = validPart(countrySchema, (site as { country?: unknown } | null)?.country);
      if (country && !countries.includes(country))
        context.refuse(['sites', index, 'country'], `${country} is not one of scope.countries`);
    });
  }),
);
export type AgreementScope = z.infer<typeof scopeSchema>;

const minutes = integer({ min: 1, max: MAX_MINUTES });

/** Respond no sooner than acknowledge, compared when both are valid. */
function respondAfterAcknowledge() {
  return crossFieldRule((fields, context) => {
    const acknowledge = validPart(minutes, fields.acknowledgeMinutes);
    const respond = validPart(minutes, fields.respondMinutes);
    if (acknowledge !== undefined && respond !== undefined && respond < acknowledge)
      context.refuse(['respondMinutes'], 'must not be shorter than acknowledgeMinutes');
  });
}

const severitySlaShape = {
  acknowledgeMinutes: minutes.meta({ example: 15 }),
  respondMinutes: minutes.meta({ example: 60, description: 'not shorter than acknowledgeMinutes' }),
  channel: oneOf(CHANNELS),
};
const severitySlaSchema = record(severitySlaShape).check(respondAfterAcknowledge());
export type SeveritySla = z.infer<typeof severitySlaSchema>;
/** The fields of one severity's SLA, each valid on its own (what the order rule compares). */
const severitySlaFields = z.object(severitySlaShape);

const slaSchema = record(
  Object.fromEntries(SEVERITIES.map((s) => [s, severitySlaSchema])) as Record<
    Severity,
    typeof severitySlaSchema
  >,
).check(
  // A less severe alert may not be promised faster than a more severe one.
  crossFieldRule((fields, context) => {
    for (let i = 1; i < SEVERITIES.length; i += 1) {
      const higher = validPart(severitySlaFields, fields[SEVERITIES[i - 1]]);
      const lower = validPart(severitySlaFields, fields[SEVERITIES[i]]);
      if (!higher || !lower) continue;
      for (const key of ['acknowledgeMinutes', 'respondMinutes'] as const) {
        if (lower[key] < higher[key])
          context.refuse(
            [SEVERITIES[i], key],
            `must not be shorter than ${SEVERITIES[i - 1]}'s (${higher[key]} min)`,
          );
      }
    }
  }),
);

const COLLABORATE_ONLY = ['timeoutMinutes', 'fallback'] as const;

const actionAuthorisationSchema = record({
  mode: oneOf(AUTHORISATION_MODES),
  /** collaborate only: how long the provider waits for the customer. */
  timeoutMinutes: optional(minutes.meta({ description: 'collaborate only' })),
  /** collaborate only: what the provider does when the customer has not answered in time. */
  fallback: optional(oneOf(COLLABORATE_FALLBACKS).meta({ description: 'collaborate only' })),
}).check(
  crossFieldRule((fields, context) => {
    const mode = validPart(oneOf(AUTHORISATION_MODES), fields.mode);
    if (mode === undefined) return;
    for (const key of COLLABORATE_ONLY) {
      if (mode === 'collaborate' && fields[key] === undefined) context.refuse([key], 'is required');
      if (mode !== 'collaborate' && fields[key] !== undefined)
        context.refuse([key], 'applies to the collaborate mode only');
    }
  }),
);
export type ActionAuthorisation = z.infer<typeof actionAuthorisationSchema>;

const neverTouchAssetSchema = record({
  type: oneOf(ASSET_TYPES),
  name: text({ max: 255 }).meta({ example: 'sk-erp-db01' }),
  reason: optional(text({ max: 500 })),
});
export type NeverTouchAsset = z.infer<typeof neverTouchAssetSchema>;

/** An asset's type and name, when both are valid: what makes two entries the same asset. */
function assetOf(item: unknown): { type: string; name: string } | undefined {
  const fields = item as { type?: unknown; name?: unknown } | null;
  const type = validPart(neverTouchAssetSchema.shape.type, fields?.type);
  const name = validPart(neverTouchAssetSchema.shape.name, fields?.name);
  return type && name ? { type, name } : undefined;
}

const neverTouchSchema = list(neverTouchAssetSchema, { max: 1000 }).check(
  // One entry per asset: the same type and name, in any case, is a repeat.
  noRepeats(
    (item) => {
      const asset = assetOf(item);
      return asset && `${asset.type}:${asset.name.toLowerCase()}`;
    },
    {
      path: ['name'],
      reason: (_key, item) => `repeats the ${assetOf(item)?.type} ${assetOf(item)?.name}`,
    },
  ),
);

const communicationSchema = record({
  primaryLanguage: oneOf(LANGUAGES),
  otherLanguages: optionalList(distinctList(oneOf(LANGUAGES), { max: LANGUAGES.length })),
  channels: distinctList(oneOf(CHANNELS), { min: 1, max: CHANNELS.length }),
}).check(
  crossFieldRule((fields, context) => {
    const primary = validPart(oneOf(LANGUAGES), fields.primaryLanguage);
    if (primary && Array.isArray(fields.otherLanguages) && fields.otherLanguages.includes(primary))
      context.refuse(['otherLanguages'], `must not repeat the primary language ${primary}`);
  }),
);
export type Communication = z.infer<typeof communicationSchema>;

const contactEmailSchema = text({
  max: 254,
  pattern: EMAIL,
  patternReason: 'must be an email address',
})
  .toLowerCase()
  .meta({
    example: 'security@sakura.example',
    description: "in one of the customer organisation's email domains",
  });

const escalationContactSchema = record({
  name: text({ max: 200 }).meta({ example: '佐藤 花子' }),
  email: contactEmailSchema,
  phone: text({
    max: 32,
    pattern: PHONE,
    patternReason: 'must be an international number such as +81 3 1234 5678',
  }).meta({ example: '+81 3 1234 5678' }),
  country: countrySchema,
  timeZone: timeZoneSchema,
  workingHours: weeklyHoursSchema,
  role: text({ max: 100 }).meta({ example: 'Security lead' }),
});
export type EscalationContact = z.infer<typeof escalationContactSchema>;

/** The content of one version of an MDR service agreement. */
export const agreementContentSchema = record({
  scope: scopeSchema,
  serviceHours: serviceHoursSchema,
  sla: slaSchema,
  responseAuthorisation: record(
    Object.fromEntries(RESPONSE_ACTIONS.map((a) => [a, actionAuthorisationSchema])) as Record<
      (typeof RESPONSE_ACTIONS)[number],
      typeof actionAuthorisationSchema
    >,
  ),
  neverTouch: optionalList(neverTouchSchema),
  communication: communicationSchema,
  /** In escalation order: the first is called first. */
  escalationContacts: list(escalationContactSchema, { min: 1, max: 50 })
    .check(
      noRepeats(
        (item) => validPart(contactEmailSchema, (item as { email?: unknown } | null)?.email),
        {
          path: ['email'],
        },
      ),
    )
    .meta({ description: 'in escalation order' }),
  /** The least number of days the sensors stay in detect mode for tuning before block mode. */
  minimumTuningPeriodDays: integer({ min: 1, max: 365 }).meta({
    example: 30,
    description: 'least days in detect mode before block mode',
  }),
});
export type AgreementContent = z.infer<typeof agreementContentSchema>;

/**
 * Validates untrusted agreement content and returns it normalised (trimmed strings, upper-case
 * country codes, lower-case emails, sorted days), or every error as a field path and a reason,
 * e.g. `sla.high.respondMinutes` or `escalationContacts[1].email`.
 */
export function readAgreementContent(input: unknown): ReadResult<AgreementContent> {
  return readPayload(agreementContentSchema, input);
}

/** Agreement content read back from its jsonb column: typed by parsing, not by a cast. */
export function storedAgreementContent(content: unknown): AgreementContent {
  return parseStored(agreementContentSchema, content, 'agreement content');
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
