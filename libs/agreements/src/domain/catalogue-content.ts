import { z } from 'zod';
import { LANGUAGES } from '@app/access';
import {
  crossFieldRule,
  distinctList,
  integer,
  readPayload,
  ReadResult,
  record,
  oneOf,
  parseStored,
  validPart,
} from '@app/platform';
import { serviceHoursSchema } from './service-hours';
import { CHANNELS, RESPONSE_ACTIONS, SEVERITIES, Severity } from './vocabulary';

const minutes = integer({ min: 1, max: 10080 });

/** The fastest times a provider can promise for a severity. */
const bestSlaSchema = record({ acknowledgeMinutes: minutes, respondMinutes: minutes }).check(
  crossFieldRule((fields, context) => {
    const acknowledge = validPart(minutes, fields.acknowledgeMinutes);
    const respond = validPart(minutes, fields.respondMinutes);
    if (acknowledge !== undefined && respond !== undefined && respond < acknowledge)
      context.refuse(['respondMinutes'], 'must not be shorter than acknowledgeMinutes');
  }),
);
export type BestSla = z.infer<typeof bestSlaSchema>;

/** What an MDR provider offers every customer: the yardstick agreements are checked against. */
export const serviceCatalogueSchema = record({
  supportedActions: distinctList(oneOf(RESPONSE_ACTIONS), { max: RESPONSE_ACTIONS.length }),
  languages: distinctList(oneOf(LANGUAGES), { min: 1, max: LANGUAGES.length }),
  serviceHours: serviceHoursSchema,
  bestSlaMinutes: record(
    Object.fromEntries(SEVERITIES.map((s) => [s, bestSlaSchema])) as Record<
      Severity,
      typeof bestSlaSchema
    >,
  ),
  /** Channels the provider can use to reach customers; absent means not stated (not checked). */
  channels: distinctList(oneOf(CHANNELS), { min: 1, max: CHANNELS.length }).optional(),
});
export type ServiceCatalogue = z.infer<typeof serviceCatalogueSchema>;

export function readServiceCatalogue(input: unknown): ReadResult<ServiceCatalogue> {
  return readPayload(serviceCatalogueSchema, input);
}

/** A catalogue read back from its jsonb column: typed by parsing, not by a cast. */
export function storedServiceCatalogue(content: unknown): ServiceCatalogue {
  return parseStored(serviceCatalogueSchema, content, 'service catalogue');
}
