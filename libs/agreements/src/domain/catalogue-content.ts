import { LANGUAGES, Language } from '@app/access';
import type { ReadResult } from './agreement-content';
import { FieldReader, fieldPath } from './field-reader';
import { readServiceHours, ServiceHours } from './service-hours';
import {
  Channel,
  CHANNELS,
  RESPONSE_ACTIONS,
  ResponseAction,
  SEVERITIES,
  Severity,
} from './vocabulary';

/** The fastest times a provider can promise for a severity. */
export interface BestSla {
  acknowledgeMinutes: number;
  respondMinutes: number;
}

/** What an MDR provider offers every customer: the yardstick agreements are checked against. */
export interface ServiceCatalogue {
  supportedActions: ResponseAction[];
  languages: Language[];
  serviceHours: ServiceHours;
  bestSlaMinutes: Record<Severity, BestSla>;
  /** Channels the provider can use to reach customers; absent means not stated (not checked). */
  channels?: Channel[];
}

const CATALOGUE_FIELDS = [
  'supportedActions',
  'languages',
  'serviceHours',
  'bestSlaMinutes',
  'channels',
] as const;

export function readServiceCatalogue(input: unknown): ReadResult<ServiceCatalogue> {
  const reader = new FieldReader();
  const record = reader.object(input, '', CATALOGUE_FIELDS);
  if (!record) return { value: null, errors: reader.errors };
  const supportedActions = reader.setOf(
    record.supportedActions,
    'supportedActions',
    RESPONSE_ACTIONS,
    { max: RESPONSE_ACTIONS.length },
  );
  const languages = reader.setOf(record.languages, 'languages', LANGUAGES, {
    min: 1,
    max: LANGUAGES.length,
  });
  const serviceHours = readServiceHours(reader, record.serviceHours, 'serviceHours');
  const slaRecord = reader.object(record.bestSlaMinutes, 'bestSlaMinutes', SEVERITIES);
  const bestSlaMinutes: Partial<Record<Severity, BestSla>> = {};
  for (const severity of SEVERITIES) {
    if (!slaRecord) break;
    const path = fieldPath('bestSlaMinutes', severity);
    const entry = reader.object(slaRecord[severity], path, [
      'acknowledgeMinutes',
      'respondMinutes',
    ]);
    if (!entry) continue;
    const acknowledgeMinutes = reader.int(
      entry.acknowledgeMinutes,
      fieldPath(path, 'acknowledgeMinutes'),
      { min: 1, max: 10080 },
    );
    const respondMinutes = reader.int(entry.respondMinutes, fieldPath(path, 'respondMinutes'), {
      min: 1,
      max: 10080,
    });
    if (
      acknowledgeMinutes !== null &&
      respondMinutes !== null &&
      respondMinutes < acknowledgeMinutes
    ) {
      reader.fail(fieldPath(path, 'respondMinutes'), 'must not be shorter than acknowledgeMinutes');
    }
    if (acknowledgeMinutes !== null && respondMinutes !== null)
      bestSlaMinutes[severity] = { acknowledgeMinutes, respondMinutes };
  }
  const channels =
    record.channels === undefined
      ? undefined
      : reader.setOf(record.channels, 'channels', CHANNELS, { min: 1, max: CHANNELS.length });
  if (!reader.ok || !supportedActions || !languages || !serviceHours)
    return { value: null, errors: reader.errors };
  const catalogue: ServiceCatalogue = {
    supportedActions,
    languages,
    serviceHours,
    bestSlaMinutes: bestSlaMinutes as Record<Severity, BestSla>,
  };
  if (channels) catalogue.channels = channels;
  return { value: catalogue, errors: [] };
}
