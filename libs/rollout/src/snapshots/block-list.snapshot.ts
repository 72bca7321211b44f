import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { EntityManager, In } from 'typeorm';
import { BlockListEntry } from '../blocklist/block-list-entry.entity';
import { exportOrder } from '../blocklist/block-list-export';
import { BLOCKABLE_IOC_TYPES, BlockableIocType } from '../blocklist/ioc';
import { PastIncident } from '../incidents-history/past-incident.entity';
import { ConfigurationSpec, describeChanges, rowKey } from './snapshot-vocabulary';
import { formatDay, formatNumber, WORDS } from './snapshot-words';
import { interpolate } from '@app/platform';
import { ROLLOUT_MESSAGE_FILES } from '../messages/rollout-messages';

export const BLOCK_LIST_STEP = 'static_block_list';

interface Entry {
  key: string;
  type: BlockableIocType;
  value: string;
  reason: string;
  /** The title of the past incident it comes from (past incidents are never edited). */
  sourceIncident: string | null;
  /** ISO instant, or null: never expires. */
  expiresAt: string | null;
}

type Words = {
  title: string;
  summaryHeading: string;
  active: string;
  expired: string;
  byType: string;
  entriesHeading: string;
  entriesIntro: string;
  columns: string[];
  empty: string;
  never: string;
  expiredOn: (day: string) => string;
  type: Record<BlockableIocType, string>;
  entry: (type: string, value: string) => string;
  fields: Record<'reason' | 'sourceIncident' | 'expiresAt', string>;
};

/** The document's words (`snapshotDocument.blockList` in the roll-out catalog), typed. */
const W: Readonly<Record<Language, Words>> = {
  ja: wordsIn('ja'),
  en: wordsIn('en'),
  zh: wordsIn('zh'),
};

function wordsIn(language: Language): Words {
  const words = ROLLOUT_MESSAGE_FILES[language].snapshotDocument.blockList;
  return {
    ...words,
    expiredOn: (day) => interpolate(words.expiredOn, { day }),
    entry: (type, value) => interpolate(words.entry, { type, value }),
  };
}

const localised = (pick: (w: Words) => string) => ({
  en: pick(W.en),
  ja: pick(W.ja),
  zh: pick(W.zh),
});
const typeWord = (type: unknown, l: Language) =>
  typeof type === 'string' && type in W[l].type
    ? W[l].type[type as BlockableIocType]
    : String(type);

const SPEC: ConfigurationSpec = {
  facts: {},
  collections: {
    entries: {
      item: (e, l) => W[l].entry(typeWord(e.type, l), String(e.value ?? '')),
      fields: {
        reason: { label: localised((w) => w.fields.reason) },
        sourceIncident: { label: localised((w) => w.fields.sourceIncident) },
        expiresAt: {
          label: localised((w) => w.fields.expiresAt),
          format: (v, l) => (typeof v === 'string' ? formatDay(v, l) : W[l].never),
        },
      },
    },
  },
};

/**
 * `static_block_list`: every entry with its reason, source incident and expiry. Expired entries
 * stay in the snapshot with their expiry (nothing is deleted), so time passing changes nothing
 * that was approved; expiring an entry early does.
 */
export const blockListSnapshot: SnapshotProvider = {
  title: localised((w) => w.title),

  async take(manager: EntityManager, engagementId: string): Promise<PlanSnapshot> {
    const rows = exportOrder(await manager.getRepository(BlockListEntry).findBy({ engagementId }));
    const incidentIds = [
      ...new Set(rows.flatMap((e) => (e.sourceIncidentId ? [e.sourceIncidentId] : []))),
    ];
    const incidents = incidentIds.length
      ? await manager.getRepository(PastIncident).findBy({ id: In(incidentIds), engagementId })
      : [];
    const titleOf = new Map(incidents.map((i) => [i.id, i.title]));
    const entries: Entry[] = rows.map((e) => ({
      key: e.id,
      type: e.type,
      value: e.value,
      reason: e.reason,
      sourceIncident: e.sourceIncidentId ? (titleOf.get(e.sourceIncidentId) ?? null) : null,
      expiresAt: e.expiresAt ? e.expiresAt.toISOString() : null,
    }));
    return { configuration: { entries }, context: {} };
  },

  compare: (before, after, language) => describeChanges(SPEC, before, after, language),

  sections(snapshot: PlanSnapshot, language: Language, at: Date): DocumentSection[] {
    const w = W[language];
    const common = WORDS[language];
    const entries = (snapshot.configuration.entries ?? []) as Entry[];
    const active = entries.filter(
      (e) => e.expiresAt === null || Date.parse(e.expiresAt) > at.getTime(),
    );
    const byType = BLOCKABLE_IOC_TYPES.map(
      (type) => [type, active.filter((e) => e.type === type).length] as const,
    ).filter(([, n]) => n > 0);
    return [
      {
        key: 'summary',
        heading: w.summaryHeading,
        facts: [
          { key: 'active', label: w.active, value: formatNumber(active.length, language) },
          {
            key: 'expired',
            label: w.expired,
            value: formatNumber(entries.length - active.length, language),
          },
          {
            key: 'byType',
            label: w.byType,
            value:
              byType
                .map(([type, n]) => `${w.type[type]} ${formatNumber(n, language)}`)
                .join(common.listSeparator) || common.none,
          },
        ],
      },
      {
        key: 'entries',
        heading: w.entriesHeading,
        intro: w.entriesIntro,
        table: {
          columns: w.columns,
          empty: w.empty,
          rows: entries.map((e) => {
            const expired = e.expiresAt !== null && Date.parse(e.expiresAt) <= at.getTime();
            return {
              key: rowKey('entries', e.key),
              cells: [
                w.type[e.type],
                e.value,
                e.reason,
                e.sourceIncident ?? '—',
                e.expiresAt === null
                  ? w.never
                  : expired
                    ? w.expiredOn(formatDay(e.expiresAt, language))
                    : formatDay(e.expiresAt, language),
              ],
            };
          }),
        },
      },
    ];
  },
};
