import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { parseStored } from '@app/platform';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { GroupRule } from '../groups/group-rule';
import type { GroupPolicy } from '../groups/group-policy.entity';
import { loadPlanningData } from '../planning/planning-data';
import { ConfigurationSpec, describeChanges, rowKey, shownValue } from './snapshot-vocabulary';
import { formatDay, formatNumber, WORDS, wordFor } from './snapshot-words';

/** The step whose approval binds to this snapshot. */
export const GROUP_POLICY_DESIGN = 'group_policy_design';

interface DesignedGroup {
  key: string;
  name: string;
  kind: 'evaluation' | 'production';
  priority: number;
  rule: GroupRule | null;
  hostnames: string[];
  policy: { mode: 'detect' | 'block'; quarantine: boolean };
}

const groupFiguresSchema = z.object({
  members: z.number(),
  servers: z.number(),
  sites: z.array(z.string()),
  currentMode: z.string(),
  modeSince: z.string(),
});

/** What the document shows beside the design: the inventory's figures per group. */
const contextSchema = z.object({
  endpoints: z.number(),
  assigned: z.number(),
  unassigned: z.number(),
  inSeveral: z.number(),
  groups: z.record(z.string(), groupFiguresSchema),
});
type Context = z.infer<typeof contextSchema>;

/**
 * The mode a group was designed to start in. A group that reached block through an approved
 * mode switch carries out the approved migration plan, which does not change its design.
 */
export function designedMode(policy: Pick<GroupPolicy, 'mode' | 'modeSource'>): 'detect' | 'block' {
  return policy.modeSource === 'switch' ? 'detect' : policy.mode;
}

type Words = {
  title: string;
  heading: string;
  intro: (groups: number, endpoints: number, assigned: number) => string;
  unassigned: (n: number) => string;
  inSeveral: (n: number) => string;
  columns: string[];
  empty: string;
  group: (name: string) => string;
  fields: {
    name: string;
    kind: string;
    priority: string;
    rule: string;
    hostnames: string;
    mode: string;
    quarantine: string;
  };
  listed: (n: number) => string;
  rule: {
    all: string;
    type: string;
    site: string;
    country: string;
    osFamily: string;
    tags: string;
    separator: string;
    colon: string;
  };
  nowMode: (mode: string, since: string) => string;
};

const W: Record<Language, Words> = {
  en: {
    title: 'Group and policy design',
    heading: 'Groups and their policies',
    intro: (g, e, a) =>
      `${g} group(s). ${a} of ${e} endpoints resolve into exactly one group. Rule groups take endpoints by ascending priority; an endpoint named in one explicit list belongs to that group.`,
    unassigned: (n) => `${n} endpoint(s) are in no group.`,
    inSeveral: (n) => `${n} endpoint(s) are named in several explicit lists.`,
    columns: [
      'Priority',
      'Group',
      'Kind',
      'Defined by',
      'Endpoints',
      'Servers',
      'Starts in',
      'Quarantine',
    ],
    empty: 'No groups have been designed yet.',
    group: (name) => `Group “${name}”`,
    fields: {
      name: 'Name',
      kind: 'Kind',
      priority: 'Priority',
      rule: 'Rule',
      hostnames: 'Listed endpoints',
      mode: 'Starts in',
      quarantine: 'Quarantine',
    },
    listed: (n) => `a list of ${n} endpoint(s)`,
    rule: {
      all: 'every endpoint',
      type: 'type',
      site: 'site',
      country: 'country',
      osFamily: 'OS',
      tags: 'tags',
      separator: '; ',
      colon: ': ',
    },
    nowMode: (mode, since) => `(now ${mode} since ${since})`,
  },
  ja: {
    title: 'グループとポリシーの設計',
    heading: 'グループとポリシー',
    intro: (g, e, a) =>
      `グループ ${g} 件。端末 ${e} 台のうち ${a} 台がちょうど1つのグループに属します。ルールのグループは優先度の高い順に端末を取り込み、1つの明示リストに載った端末はそのグループに属します。`,
    unassigned: (n) => `どのグループにも属さない端末が ${n} 台あります。`,
    inSeveral: (n) => `複数の明示リストに載っている端末が ${n} 台あります。`,
    columns: ['優先度', 'グループ', '種類', '定義', '端末', 'サーバー', '開始時のモード', '隔離'],
    empty: 'グループはまだ設計されていません。',
    group: (name) => `グループ「${name}」`,
    fields: {
      name: '名前',
      kind: '種類',
      priority: '優先度',
      rule: 'ルール',
      hostnames: '明示リストの端末',
      mode: '開始時のモード',
      quarantine: '隔離',
    },
    listed: (n) => `端末 ${n} 台のリスト`,
    rule: {
      all: 'すべての端末',
      type: '種別',
      site: '拠点',
      country: '国',
      osFamily: 'OS',
      tags: 'タグ',
      separator: '；',
      colon: '：',
    },
    nowMode: (mode, since) => `（現在は${since}から${mode}）`,
  },
  zh: {
    title: '分组与策略设计',
    heading: '分组及其策略',
    intro: (g, e, a) =>
      `共 ${g} 个分组。${e} 台终端中有 ${a} 台恰好属于一个分组。规则分组按优先级从高到低纳入终端；列入某一个明确列表的终端属于该分组。`,
    unassigned: (n) => `${n} 台终端不属于任何分组。`,
    inSeveral: (n) => `${n} 台终端被列入多个明确列表。`,
    columns: ['优先级', '分组', '类型', '定义方式', '终端', '服务器', '起始模式', '隔离'],
    empty: '尚未设计任何分组。',
    group: (name) => `分组“${name}”`,
    fields: {
      name: '名称',
      kind: '类型',
      priority: '优先级',
      rule: '规则',
      hostnames: '明确列出的终端',
      mode: '起始模式',
      quarantine: '隔离',
    },
    listed: (n) => `${n} 台终端的列表`,
    rule: {
      all: '所有终端',
      type: '类型',
      site: '站点',
      country: '国家',
      osFamily: '操作系统',
      tags: '标签',
      separator: '；',
      colon: '：',
    },
    nowMode: (mode, since) => `（自${since}起为${mode}）`,
  },
};

function ruleText(rule: unknown, language: Language): string {
  const w = W[language].rule;
  if (!rule || typeof rule !== 'object') return '—';
  const r = rule as GroupRule;
  const common = WORDS[language];
  const parts: string[] = [];
  const part = (label: string, values: string[]) =>
    parts.push(`${label}${w.colon}${values.join(common.listSeparator)}`);
  if (r.type)
    part(
      w.type,
      r.type.map((v) => wordFor(common.endpointType, v)),
    );
  if (r.osFamily)
    part(
      w.osFamily,
      r.osFamily.map((v) => wordFor(common.osFamily, v)),
    );
  if (r.site) part(w.site, r.site);
  if (r.country) part(w.country, r.country);
  if (r.tags) part(w.tags, r.tags);
  return parts.length ? parts.join(w.separator) : w.all;
}

function spec(): ConfigurationSpec {
  const label = (field: keyof Words['fields']) => ({
    en: W.en.fields[field],
    ja: W.ja.fields[field],
    zh: W.zh.fields[field],
  });
  return {
    facts: {},
    collections: {
      groups: {
        item: (g, language) => W[language].group(String(g.name ?? '')),
        fields: {
          name: { label: label('name') },
          kind: { label: label('kind'), format: (v, l) => wordFor(WORDS[l].kind, v) },
          priority: { label: label('priority') },
          rule: { label: label('rule'), format: ruleText },
          hostnames: { label: label('hostnames'), format: (v, l) => shownValue(v, l) },
          'policy.mode': { label: label('mode'), format: (v, l) => wordFor(WORDS[l].mode, v) },
          'policy.quarantine': { label: label('quarantine') },
        },
      },
    },
  };
}

const SPEC = spec();

/** `group_policy_design`: every group (how it takes endpoints) and its policy's mode and quarantine. */
export const groupDesignSnapshot: SnapshotProvider = {
  title: { en: W.en.title, ja: W.ja.title, zh: W.zh.title },

  async take(manager: EntityManager, engagementId: string): Promise<PlanSnapshot> {
    const data = await loadPlanningData(manager, engagementId);
    const hostOf = new Map(data.endpoints.map((e) => [e.id, e.hostname]));
    const groups: DesignedGroup[] = data.groups.map(({ group, policy, listed }) => ({
      key: group.id,
      name: group.name,
      kind: group.kind,
      priority: group.priority,
      rule: group.rule,
      hostnames: group.rule ? [] : [...listed].map((id) => hostOf.get(id) ?? id).sort(),
      policy: { mode: designedMode(policy), quarantine: policy.quarantine },
    }));
    const context: Context = {
      endpoints: data.endpoints.length,
      assigned: data.resolution.groupOf.size,
      unassigned: data.resolution.unassigned.length,
      inSeveral: data.resolution.inSeveral.length,
      groups: Object.fromEntries(
        data.groups.map(({ group, policy, resolved }) => [
          group.id,
          {
            members: resolved.length,
            servers: resolved.filter((e) => e.type === 'server').length,
            sites: [...new Set(resolved.map((e) => e.site))].sort(),
            currentMode: policy.mode,
            modeSince: policy.modeSince.toISOString(),
          },
        ]),
      ),
    };
    return { configuration: { groups }, context: { ...context } };
  },

  compare: (before, after, language) => describeChanges(SPEC, before, after, language),

  sections(snapshot: PlanSnapshot, language: Language): DocumentSection[] {
    const w = W[language];
    const common = WORDS[language];
    const groups = (snapshot.configuration.groups ?? []) as DesignedGroup[];
    const context = parseStored(contextSchema, snapshot.context, 'group design context');
    const warnings = [
      ...(context.unassigned > 0 ? [w.unassigned(context.unassigned)] : []),
      ...(context.inSeveral > 0 ? [w.inSeveral(context.inSeveral)] : []),
    ];
    return [
      {
        key: 'groups',
        heading: w.heading,
        intro: w.intro(groups.length, context.endpoints, context.assigned),
        warnings,
        table: {
          columns: w.columns,
          empty: w.empty,
          rows: groups.map((g) => {
            const figures = context.groups[g.key];
            const mode = wordFor(common.mode, g.policy.mode);
            const now =
              figures && figures.currentMode !== g.policy.mode
                ? ` ${w.nowMode(wordFor(common.mode, figures.currentMode), formatDay(figures.modeSince, language))}`
                : '';
            return {
              key: rowKey('groups', g.key),
              cells: [
                formatNumber(g.priority, language),
                g.name,
                wordFor(common.kind, g.kind),
                g.rule ? ruleText(g.rule, language) : w.listed(g.hostnames.length),
                figures ? common.count(figures.members, language) : '—',
                figures ? common.count(figures.servers, language) : '—',
                `${mode}${now}`,
                g.policy.quarantine ? common.yes : common.no,
              ],
            };
          }),
        },
      },
    ];
  },
};
