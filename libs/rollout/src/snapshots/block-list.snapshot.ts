import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { EntityManager, In } from 'typeorm';
import { BlockListEntry } from '../blocklist/block-list-entry.entity';
import { exportOrder } from '../blocklist/block-list-export';
import { BLOCKABLE_IOC_TYPES, BlockableIocType } from '../blocklist/ioc';
import { PastIncident } from '../incidents-history/past-incident.entity';
import { ConfigurationSpec, describeChanges, rowKey } from './snapshot-vocabulary';
import { formatDay, formatNumber, WORDS } from './snapshot-words';

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

const TYPE_EN: Record<BlockableIocType, string> = {
  sha256: 'SHA-256',
  sha1: 'SHA-1',
  md5: 'MD5',
  file_path: 'File path',
  domain: 'Domain',
  ip: 'IP address',
};

const W: Record<Language, Words> = {
  en: {
    title: 'Static block list',
    summaryHeading: 'Summary',
    active: 'Active entries',
    expired: 'Expired entries',
    byType: 'Active entries by type',
    entriesHeading: 'Entries',
    entriesIntro:
      "Applied beside the EDR vendor's own detection logic; an entry stops applying at its expiry.",
    columns: ['Type', 'Indicator', 'Reason', 'From past incident', 'Expires'],
    empty: 'The block list is empty.',
    never: 'Never',
    expiredOn: (d) => `Expired on ${d}`,
    type: TYPE_EN,
    entry: (t, v) => `${t} ${v}`,
    fields: { reason: 'Reason', sourceIncident: 'From past incident', expiresAt: 'Expires' },
  },
  ja: {
    title: '静的ブロックリスト',
    summaryHeading: '概要',
    active: '有効な登録',
    expired: '期限切れの登録',
    byType: '種類別の有効な登録',
    entriesHeading: '登録内容',
    entriesIntro: 'EDRベンダー独自の検知ロジックと併用されます。期限を過ぎた登録は適用されません。',
    columns: ['種類', '指標', '理由', '元になった過去のインシデント', '期限'],
    empty: 'ブロックリストは空です。',
    never: 'なし',
    expiredOn: (d) => `${d}に期限切れ`,
    type: {
      sha256: 'SHA-256',
      sha1: 'SHA-1',
      md5: 'MD5',
      file_path: 'ファイルパス',
      domain: 'ドメイン',
      ip: 'IPアドレス',
    },
    entry: (t, v) => `${t} ${v}`,
    fields: { reason: '理由', sourceIncident: '元になった過去のインシデント', expiresAt: '期限' },
  },
  zh: {
    title: '静态阻断列表',
    summaryHeading: '概要',
    active: '有效条目',
    expired: '已过期条目',
    byType: '按类型统计的有效条目',
    entriesHeading: '条目',
    entriesIntro: '与 EDR 厂商自身的检测逻辑并行生效；条目过期后不再适用。',
    columns: ['类型', '指标', '原因', '来源的既往事件', '到期'],
    empty: '阻断列表为空。',
    never: '永不',
    expiredOn: (d) => `已于${d}过期`,
    type: {
      sha256: 'SHA-256',
      sha1: 'SHA-1',
      md5: 'MD5',
      file_path: '文件路径',
      domain: '域名',
      ip: 'IP 地址',
    },
    entry: (t, v) => `${t} ${v}`,
    fields: { reason: '原因', sourceIncident: '来源的既往事件', expiresAt: '到期' },
  },
};

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
