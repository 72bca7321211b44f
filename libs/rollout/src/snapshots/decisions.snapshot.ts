import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { parseStored } from '@app/platform';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { undecidedEndpointReasons, undecidedEndpoints } from '../support/decision-check';
import { DecisionKind, EndpointDecision } from '../support/endpoint-decision.entity';
import { ConfigurationSpec, describeChanges, rowKey } from './snapshot-vocabulary';
import { formatDay, formatNumber, WORDS } from './snapshot-words';

export { UNSUPPORTED_OS_DECISIONS } from '../support/decision-check';

interface Decided {
  key: string;
  kind: DecisionKind;
  upgradeBy: string | null;
  note: string;
  endpoints: number;
  /** The filters it was made with, or `{ listed }`: how many endpoints were named one by one. */
  selection: Record<string, unknown>;
}

/** What the document shows beside the decisions: when and by whom, and how many are pending. */
const contextSchema = z.object({
  decided: z.record(z.string(), z.object({ on: z.string().nullable(), by: z.string().nullable() })),
  pending: z.number(),
});
type Context = z.infer<typeof contextSchema>;

type Words = {
  title: string;
  summaryHeading: string;
  decisions: string;
  covered: string;
  byKind: string;
  undecided: string;
  unclassified: string;
  tableHeading: string;
  tableIntro: string;
  columns: string[];
  empty: string;
  kind: Record<DecisionKind, string>;
  listed: (n: number) => string;
  all: string;
  selection: Record<
    'site' | 'country' | 'osFamily' | 'osVersion' | 'supportStatus' | 'type',
    string
  >;
  decision: (kind: string, n: number) => string;
  fields: Record<'kind' | 'upgradeBy' | 'note' | 'endpoints' | 'selection', string>;
  approvedBy: (day: string, by: string | null) => string;
  pending: (n: number) => string;
};

const W: Record<Language, Words> = {
  en: {
    title: 'Decisions on unsupported and end-of-support endpoints',
    summaryHeading: 'Summary',
    decisions: 'Approved decisions',
    covered: 'Endpoints covered',
    byKind: 'By decision',
    undecided: 'Endpoints needing a decision without an approved one',
    unclassified: 'Endpoints not yet classified',
    tableHeading: 'Decisions',
    tableIntro:
      'Each decision was approved by the customer security lead when it was made; this approval covers the set as a whole. An endpoint follows the newest decision that covers it.',
    columns: [
      'Decision',
      'Endpoints',
      'Which endpoints',
      'Upgrade by',
      'Note or compensating control',
      'Approved',
    ],
    empty: 'No endpoint needs a decision.',
    kind: {
      upgrade: 'Upgrade',
      exclude: 'Exclude from the EDR scope',
      accept_risk: 'Accept the risk',
    },
    listed: (n) => `${n} listed endpoint(s)`,
    all: 'Every endpoint that needed a decision',
    selection: {
      site: 'site',
      country: 'country',
      osFamily: 'OS',
      osVersion: 'OS version',
      supportStatus: 'support status',
      type: 'type',
    },
    decision: (k, n) => `${k} (${n} endpoint(s))`,
    fields: {
      kind: 'Decision',
      upgradeBy: 'Upgrade by',
      note: 'Note',
      endpoints: 'Endpoints',
      selection: 'Which endpoints',
    },
    approvedBy: (d, by) => (by ? `${d}, ${by}` : d),
    pending: (n) =>
      `${n} more decision(s) are proposed and wait for the security lead's approval; they are not part of this set.`,
  },
  ja: {
    title: 'サポート対象外・サポート終了端末の対応方針',
    summaryHeading: '概要',
    decisions: '承認済みの対応方針',
    covered: '対象の端末',
    byKind: '方針別',
    undecided: '承認済みの方針がない要対応の端末',
    unclassified: '未判定の端末',
    tableHeading: '対応方針',
    tableIntro:
      '各方針は作成時に顧客のセキュリティ責任者が承認済みです。この承認は方針の全体を対象とします。端末には、その端末を含む最新の方針が適用されます。',
    columns: ['方針', '端末', '対象の端末', 'アップグレード期限', '備考・代替策', '承認'],
    empty: '対応が必要な端末はありません。',
    kind: {
      upgrade: 'アップグレード',
      exclude: 'EDRの対象外とする',
      accept_risk: 'リスクを受容する',
    },
    listed: (n) => `指定した端末 ${n} 台`,
    all: '対応が必要だったすべての端末',
    selection: {
      site: '拠点',
      country: '国',
      osFamily: 'OS',
      osVersion: 'OSバージョン',
      supportStatus: 'サポート状況',
      type: '種別',
    },
    decision: (k, n) => `${k}（端末 ${n} 台）`,
    fields: {
      kind: '方針',
      upgradeBy: 'アップグレード期限',
      note: '備考',
      endpoints: '端末',
      selection: '対象の端末',
    },
    approvedBy: (d, by) => (by ? `${d}、${by}` : d),
    pending: (n) => `ほかに承認待ちの方針が ${n} 件あります。これらはこの対象に含まれません。`,
  },
  zh: {
    title: '不受支持及已终止支持终端的处理决定',
    summaryHeading: '概要',
    decisions: '已批准的决定',
    covered: '覆盖的终端',
    byKind: '按决定类型',
    undecided: '需处理但无已批准决定的终端',
    unclassified: '尚未判定的终端',
    tableHeading: '处理决定',
    tableIntro:
      '每项决定在作出时均已由客户安全负责人批准；本次审批针对全部决定的整体。终端遵循覆盖它的最新决定。',
    columns: ['决定', '终端', '适用终端', '升级期限', '备注或补偿措施', '批准'],
    empty: '没有需要处理的终端。',
    kind: { upgrade: '升级', exclude: '排除在 EDR 范围之外', accept_risk: '接受风险' },
    listed: (n) => `列出的 ${n} 台终端`,
    all: '所有需要处理的终端',
    selection: {
      site: '站点',
      country: '国家',
      osFamily: '操作系统',
      osVersion: '操作系统版本',
      supportStatus: '支持状态',
      type: '类型',
    },
    decision: (k, n) => `${k}（${n} 台终端）`,
    fields: {
      kind: '决定',
      upgradeBy: '升级期限',
      note: '备注',
      endpoints: '终端',
      selection: '适用终端',
    },
    approvedBy: (d, by) => (by ? `${d}，${by}` : d),
    pending: (n) => `另有 ${n} 项决定已提出、等待安全负责人批准，不在本次范围内。`,
  },
};

const localised = (pick: (w: Words) => string) => ({
  en: pick(W.en),
  ja: pick(W.ja),
  zh: pick(W.zh),
});
const kindWord = (v: unknown, l: Language) =>
  typeof v === 'string' && v in W[l].kind ? W[l].kind[v as DecisionKind] : String(v);

function selectionText(selection: unknown, language: Language): string {
  const w = W[language];
  if (!selection || typeof selection !== 'object') return '—';
  const s = selection as Decided['selection'];
  if (typeof s.listed === 'number') return w.listed(s.listed);
  const parts = (Object.keys(w.selection) as (keyof Words['selection'])[]).flatMap((key) =>
    s[key] ? [`${w.selection[key]}: ${String(s[key])}`] : [],
  );
  return parts.length ? parts.join(WORDS[language].listSeparator) : w.all;
}

const SPEC: ConfigurationSpec = {
  facts: {
    undecided: { label: localised((w) => w.undecided) },
    unclassified: { label: localised((w) => w.unclassified) },
  },
  collections: {
    decisions: {
      item: (d, l) => W[l].decision(kindWord(d.kind, l), Number(d.endpoints ?? 0)),
      fields: {
        kind: { label: localised((w) => w.fields.kind), format: kindWord },
        upgradeBy: {
          label: localised((w) => w.fields.upgradeBy),
          format: (v, l) => (typeof v === 'string' ? formatDay(v, l) : '—'),
        },
        note: { label: localised((w) => w.fields.note) },
        endpoints: { label: localised((w) => w.fields.endpoints) },
        selection: { label: localised((w) => w.fields.selection), format: selectionText },
      },
    },
  },
};

/**
 * `unsupported_os_decisions`: the approved decisions as a set (each approved one by one when
 * made) and how many endpoints still need one. It can be proposed only when every endpoint that
 * needs a decision has an approved one; a later decision, rejection or re-classification that
 * changes the set makes the approval of the set stale.
 */
export const decisionsSnapshot: SnapshotProvider = {
  title: localised((w) => w.title),

  async take(manager: EntityManager, engagementId: string): Promise<PlanSnapshot> {
    const approved = await manager.getRepository(EndpointDecision).find({
      where: { engagementId, status: 'approved' },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const proposed = await manager
      .getRepository(EndpointDecision)
      .countBy({ engagementId, status: 'proposed' });
    const undecided = await undecidedEndpoints(manager, engagementId);
    const deciders: { id: string; display_name: string }[] = approved.length
      ? await manager.query(`SELECT id, display_name FROM app_user WHERE id = ANY($1::uuid[])`, [
          [...new Set(approved.flatMap((d) => (d.decidedBy ? [d.decidedBy] : [])))],
        ])
      : [];
    const nameOf = new Map(deciders.map((u) => [u.id, u.display_name]));
    const decisions: Decided[] = approved.map((d) => {
      const { endpointIds, ...filters } = d.selection;
      return {
        key: d.id,
        kind: d.kind,
        upgradeBy: d.upgradeBy,
        note: d.note,
        endpoints: d.endpointCount,
        selection: endpointIds ? { listed: endpointIds.length } : filters,
      };
    });
    const context: Context = {
      decided: Object.fromEntries(
        approved.map((d) => [
          d.id,
          {
            on: d.decidedAt?.toISOString() ?? null,
            by: d.decidedBy ? (nameOf.get(d.decidedBy) ?? null) : null,
          },
        ]),
      ),
      pending: proposed,
    };
    return {
      configuration: {
        decisions,
        undecided: undecided.unsupported + undecided.eol + undecided.eol_soon,
        unclassified: undecided.unclassified,
      },
      context: { ...context },
    };
  },

  notReady: (manager, engagementId, language) =>
    undecidedEndpointReasons(manager, engagementId, language),

  compare: (before, after, language) => describeChanges(SPEC, before, after, language),

  sections(snapshot: PlanSnapshot, language: Language): DocumentSection[] {
    const w = W[language];
    const common = WORDS[language];
    const config = snapshot.configuration as {
      decisions: Decided[];
      undecided: number;
      unclassified: number;
    };
    const context = parseStored(contextSchema, snapshot.context, 'decisions context');
    const n = (v: number) => formatNumber(v, language);
    const kinds = (Object.keys(w.kind) as DecisionKind[])
      .map(
        (kind) =>
          [
            kind,
            config.decisions
              .filter((d) => d.kind === kind)
              .reduce((sum, d) => sum + d.endpoints, 0),
          ] as const,
      )
      .filter(([, count]) => count > 0);
    return [
      {
        key: 'summary',
        heading: w.summaryHeading,
        warnings: context.pending > 0 ? [w.pending(context.pending)] : [],
        facts: [
          { key: 'decisions', label: w.decisions, value: n(config.decisions.length) },
          {
            key: 'covered',
            label: w.covered,
            value: common.count(
              config.decisions.reduce((sum, d) => sum + d.endpoints, 0),
              language,
            ),
          },
          {
            key: 'byKind',
            label: w.byKind,
            value:
              kinds
                .map(([kind, count]) => `${w.kind[kind]} ${common.count(count, language)}`)
                .join(common.listSeparator) || common.none,
          },
          { key: 'undecided', label: w.undecided, value: common.count(config.undecided, language) },
          {
            key: 'unclassified',
            label: w.unclassified,
            value: common.count(config.unclassified, language),
          },
        ],
      },
      {
        key: 'decisions',
        heading: w.tableHeading,
        intro: w.tableIntro,
        table: {
          columns: w.columns,
          empty: w.empty,
          rows: config.decisions.map((d) => {
            const decided = context.decided[d.key];
            return {
              key: rowKey('decisions', d.key),
              cells: [
                w.kind[d.kind],
                common.count(d.endpoints, language),
                selectionText(d.selection, language),
                d.upgradeBy ? formatDay(d.upgradeBy, language) : '—',
                d.note || '—',
                decided?.on ? w.approvedBy(formatDay(decided.on, language), decided.by) : '—',
              ],
            };
          }),
        },
      },
    ];
  },
};
