import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { parseStored, interpolate } from '@app/platform';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { GroupRule } from '../groups/group-rule';
import type { GroupPolicy } from '../groups/group-policy.entity';
import { loadPlanningData } from '../planning/planning-data';
import { ConfigurationSpec, describeChanges, rowKey, shownValue } from './snapshot-vocabulary';
import { formatDay, formatNumber, WORDS, wordFor } from './snapshot-words';
import { ROLLOUT_MESSAGE_FILES } from '../messages/rollout-messages';

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

/** The document's words (`snapshotDocument.groupDesign` in the roll-out catalog), typed. */
const W: Readonly<Record<Language, Words>> = {
  ja: wordsIn('ja'),
  en: wordsIn('en'),
  zh: wordsIn('zh'),
};

function wordsIn(language: Language): Words {
  const words = ROLLOUT_MESSAGE_FILES[language].snapshotDocument.groupDesign;
  return {
    ...words,
    intro: (groups, endpoints, assigned) =>
      interpolate(words.intro, { groups, endpoints, assigned }),
    unassigned: (count) => interpolate(words.unassigned, { count }),
    inSeveral: (count) => interpolate(words.inSeveral, { count }),
    group: (name) => interpolate(words.group, { name }),
    listed: (count) => interpolate(words.listed, { count }),
    nowMode: (mode, since) => interpolate(words.nowMode, { mode, since }),
  };
}

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
