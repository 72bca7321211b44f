import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { parseStored, interpolate } from '@app/platform';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { SecurityProductPlan } from '../coexistence/security-product-plan.entity';
import { tuningPeriod } from '../phases/tuning-period';
import { loadPlanningData } from '../planning/planning-data';
import { designedMode } from './group-design.snapshot';
import { ConfigurationSpec, describeChanges, rowKey, textKey } from './snapshot-vocabulary';
import { formatNumber, WORDS, wordFor } from './snapshot-words';
import { ROLLOUT_MESSAGE_FILES } from '../messages/rollout-messages';

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

/** The document's words (`snapshotDocument.migrationPlan` in the roll-out catalog), typed. */
const W: Readonly<Record<Language, Words>> = {
  ja: wordsIn('ja'),
  en: wordsIn('en'),
  zh: wordsIn('zh'),
};

function wordsIn(language: Language): Words {
  const words = ROLLOUT_MESSAGE_FILES[language].snapshotDocument.migrationPlan;
  return {
    ...words,
    periodValue: (days) => interpolate(words.periodValue, { days }),
    sourceAgreement: (version) => interpolate(words.sourceAgreement, { version }),
    group: (name) => interpolate(words.group, { name }),
    product: (name) => interpolate(words.product, { name }),
  };
}

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
