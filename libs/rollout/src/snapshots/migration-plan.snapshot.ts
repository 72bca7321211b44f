import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { parseStored } from '@app/platform';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { SecurityProductPlan } from '../coexistence/security-product-plan.entity';
import { tuningPeriod } from '../phases/tuning-period';
import { loadPlanningData } from '../planning/planning-data';
import { designedMode } from './group-design.snapshot';
import { ConfigurationSpec, describeChanges, rowKey, textKey } from './snapshot-vocabulary';
import { formatNumber, WORDS, wordFor } from './snapshot-words';

export const MIGRATION_PLAN = 'migration_plan';

interface MigratingGroup {
  key: string;
  name: string;
  kind: 'evaluation' | 'production';
  order: number;
  startMode: 'detect' | 'block';
}

interface KeptProduct {
  key: string;
  product: string;
  quarantines: boolean;
}

/** What the document shows beside the plan: where the tuning period comes from, group sizes. */
const contextSchema = z.object({
  tuningSource: z.enum(['agreement', 'default']),
  agreementVersion: z.number().nullable(),
  groups: z.record(z.string(), z.object({ members: z.number(), servers: z.number() })),
});
type Context = z.infer<typeof contextSchema>;

type Words = {
  title: string;
  periodHeading: string;
  period: string;
  periodValue: (days: string) => string;
  source: string;
  sourceAgreement: (v: number) => string;
  sourceDefault: string;
  criteria: string;
  criteriaText: string;
  groupsHeading: string;
  groupsIntro: string;
  groupColumns: string[];
  noGroups: string;
  afterTuning: { block: string; detect: string; servers: string };
  keptHeading: string;
  keptIntro: string;
  keptColumns: string[];
  noKept: string;
  group: (n: string) => string;
  product: (n: string) => string;
  fields: Record<'name' | 'kind' | 'order' | 'startMode' | 'quarantines', string>;
};

const W: Record<Language, Words> = {
  en: {
    title: 'Migration plan: detect mode to block mode',
    periodHeading: 'Tuning period',
    period: 'Minimum tuning period in detect mode',
    periodValue: (d) => `${d} day(s)`,
    source: 'Source',
    sourceAgreement: (v) => `Approved service agreement v${v}`,
    sourceDefault: 'Default (no service agreement approved yet)',
    criteria: 'When a group switches to block mode',
    criteriaText:
      'After the tuning period has run in detect mode, with no open entry in its tuning log, by applying its block-mode policy once the customer security lead approves the switch.',
    groupsHeading: 'Groups in switching order',
    groupsIntro:
      'Every group starts in detect mode. Evaluation groups never block; groups with servers stay in detect mode until the review of server groups after go-live.',
    groupColumns: ['Order', 'Group', 'Kind', 'Starts in', 'After tuning', 'Endpoints', 'Servers'],
    noGroups: 'No groups yet.',
    afterTuning: {
      block: 'Switches to block mode',
      detect: 'Stays in detect mode',
      servers: 'Stays in detect mode until the server review',
    },
    keptHeading: 'Protection while nothing blocks',
    keptIntro:
      'These existing products keep running beside the EDR during detect mode, so protection does not fall below what they give today.',
    keptColumns: ['Product', 'Quarantines itself'],
    noKept: 'No existing product is kept beside the EDR.',
    group: (n) => `Group “${n}”`,
    product: (n) => `Product ${n}`,
    fields: {
      name: 'Name',
      kind: 'Kind',
      order: 'Order',
      startMode: 'Starts in',
      quarantines: 'Quarantines itself',
    },
  },
  ja: {
    title: '移行計画：検知モードからブロックモードへ',
    periodHeading: 'チューニング期間',
    period: '検知モードでの最低チューニング期間',
    periodValue: (d) => `${d} 日`,
    source: '根拠',
    sourceAgreement: (v) => `承認済みのサービス契約 第${v}版`,
    sourceDefault: '既定値（サービス契約は未承認）',
    criteria: 'ブロックモードへ切り替える条件',
    criteriaText:
      '検知モードでチューニング期間を終え、チューニングログに未完了の項目がなく、顧客のセキュリティ責任者が切り替えを承認した後に、ブロックモードのポリシーを適用します。',
    groupsHeading: '切り替えの順序',
    groupsIntro:
      'すべてのグループは検知モードで開始します。評価用グループはブロックしません。サーバーを含むグループは、本番開始後のサーバーグループのレビューまで検知モードのままです。',
    groupColumns: [
      '順序',
      'グループ',
      '種類',
      '開始時のモード',
      'チューニング後',
      '端末',
      'サーバー',
    ],
    noGroups: 'グループはまだありません。',
    afterTuning: {
      block: 'ブロックモードへ切り替え',
      detect: '検知モードのまま',
      servers: 'サーバーのレビューまで検知モード',
    },
    keptHeading: '自動ブロックが行われない間の保護',
    keptIntro:
      '次の既存製品は検知モードの間もEDRと並行して動作し、保護が現在より下がらないようにします。',
    keptColumns: ['製品', '製品自身の隔離'],
    noKept: 'EDRと並行して残す既存製品はありません。',
    group: (n) => `グループ「${n}」`,
    product: (n) => `製品 ${n}`,
    fields: {
      name: '名前',
      kind: '種類',
      order: '順序',
      startMode: '開始時のモード',
      quarantines: '製品自身の隔離',
    },
  },
  zh: {
    title: '迁移计划：从检测模式到阻断模式',
    periodHeading: '调优期',
    period: '检测模式下的最短调优期',
    periodValue: (d) => `${d} 天`,
    source: '依据',
    sourceAgreement: (v) => `已批准的服务协议第 ${v} 版`,
    sourceDefault: '默认值（尚未批准服务协议）',
    criteria: '切换为阻断模式的条件',
    criteriaText:
      '在检测模式下完成调优期、调优日志中没有未关闭的条目，并经客户安全负责人批准切换后，应用阻断模式策略。',
    groupsHeading: '切换顺序',
    groupsIntro:
      '所有分组均以检测模式起步。评估分组从不阻断；含服务器的分组在上线后的服务器分组评审之前保持检测模式。',
    groupColumns: ['顺序', '分组', '类型', '起始模式', '调优后', '终端', '服务器'],
    noGroups: '尚无分组。',
    afterTuning: {
      block: '切换为阻断模式',
      detect: '保持检测模式',
      servers: '服务器评审前保持检测模式',
    },
    keptHeading: '不自动阻断期间的防护',
    keptIntro: '以下现有产品在检测模式期间与 EDR 并行运行，确保防护水平不低于当前。',
    keptColumns: ['产品', '产品自身隔离'],
    noKept: '没有与 EDR 并行保留的现有产品。',
    group: (n) => `分组“${n}”`,
    product: (n) => `产品 ${n}`,
    fields: {
      name: '名称',
      kind: '类型',
      order: '顺序',
      startMode: '起始模式',
      quarantines: '产品自身隔离',
    },
  },
};

const localised = (pick: (w: Words) => string) => ({
  en: pick(W.en),
  ja: pick(W.ja),
  zh: pick(W.zh),
});

const SPEC: ConfigurationSpec = {
  facts: {
    tuningPeriodDays: {
      label: localised((w) => w.period),
      format: (v, l) => W[l].periodValue(formatNumber(Number(v), l)),
    },
  },
  collections: {
    groups: {
      item: (g, l) => W[l].group(String(g.name ?? '')),
      fields: {
        name: { label: localised((w) => w.fields.name) },
        kind: {
          label: localised((w) => w.fields.kind),
          format: (v, l) => wordFor(WORDS[l].kind, v),
        },
        order: { label: localised((w) => w.fields.order) },
        startMode: {
          label: localised((w) => w.fields.startMode),
          format: (v, l) => wordFor(WORDS[l].mode, v),
        },
      },
    },
    keptProducts: {
      item: (p, l) => W[l].product(String(p.product ?? '')),
      fields: { quarantines: { label: localised((w) => w.fields.quarantines) } },
    },
  },
};

/**
 * `migration_plan`: the tuning period (from the approved agreement), the groups in switching
 * order with the mode each starts in, and the existing products that keep protecting meanwhile.
 */
export const migrationPlanSnapshot: SnapshotProvider = {
  title: localised((w) => w.title),

  async take(manager: EntityManager, engagementId: string): Promise<PlanSnapshot> {
    const period = await tuningPeriod(manager, engagementId);
    const data = await loadPlanningData(manager, engagementId);
    const kept = await manager
      .getRepository(SecurityProductPlan)
      .find({ where: { engagementId, action: 'coexist' } });
    const groups: MigratingGroup[] = data.groups.map(({ group, policy }) => ({
      key: group.id,
      name: group.name,
      kind: group.kind,
      order: group.priority,
      startMode: designedMode(policy),
    }));
    const keptProducts: KeptProduct[] = kept
      .map((p) => ({ key: textKey(p.product), product: p.product, quarantines: p.quarantines }))
      .sort((a, b) => a.key.localeCompare(b.key));
    const context: Context = {
      tuningSource: period.source,
      agreementVersion: period.agreementVersion,
      groups: Object.fromEntries(
        data.groups.map(({ group, resolved }) => [
          group.id,
          { members: resolved.length, servers: resolved.filter((e) => e.type === 'server').length },
        ]),
      ),
    };
    return {
      configuration: { tuningPeriodDays: period.days, groups, keptProducts },
      context: { ...context },
    };
  },

  compare: (before, after, language) => describeChanges(SPEC, before, after, language),

  sections(snapshot: PlanSnapshot, language: Language): DocumentSection[] {
    const w = W[language];
    const common = WORDS[language];
    const config = snapshot.configuration as {
      tuningPeriodDays: number;
      groups: MigratingGroup[];
      keptProducts: KeptProduct[];
    };
    const context = parseStored(contextSchema, snapshot.context, 'migration plan context');
    return [
      {
        key: 'period',
        heading: w.periodHeading,
        facts: [
          {
            key: 'tuningPeriodDays',
            label: w.period,
            value: w.periodValue(formatNumber(config.tuningPeriodDays, language)),
          },
          {
            key: 'source',
            label: w.source,
            value:
              context.tuningSource === 'agreement' && context.agreementVersion
                ? w.sourceAgreement(context.agreementVersion)
                : w.sourceDefault,
          },
          { key: 'criteria', label: w.criteria, value: w.criteriaText },
        ],
      },
      {
        key: 'groups',
        heading: w.groupsHeading,
        intro: w.groupsIntro,
        table: {
          columns: w.groupColumns,
          empty: w.noGroups,
          rows: config.groups.map((g) => {
            const figures = context.groups[g.key] ?? { members: 0, servers: 0 };
            const after =
              g.kind === 'evaluation'
                ? w.afterTuning.detect
                : figures.servers > 0
                  ? w.afterTuning.servers
                  : w.afterTuning.block;
            return {
              key: rowKey('groups', g.key),
              cells: [
                formatNumber(g.order, language),
                g.name,
                wordFor(common.kind, g.kind),
                wordFor(common.mode, g.startMode),
                after,
                common.count(figures.members, language),
                common.count(figures.servers, language),
              ],
            };
          }),
        },
      },
      {
        key: 'kept',
        heading: w.keptHeading,
        intro: w.keptIntro,
        table: {
          columns: w.keptColumns,
          empty: w.noKept,
          rows: config.keptProducts.map((p) => ({
            key: rowKey('keptProducts', p.key),
            cells: [p.product, p.quarantines ? common.yes : common.no],
          })),
        },
      },
    ];
  },
};
