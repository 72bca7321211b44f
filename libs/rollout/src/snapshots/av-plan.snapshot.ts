import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { parseStored, interpolate } from '@app/platform';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { SecurityProductPlan } from '../coexistence/security-product-plan.entity';
import { ConfigurationSpec, describeChanges, rowKey, textKey } from './snapshot-vocabulary';
import { WORDS, wordFor } from './snapshot-words';
import { ROLLOUT_MESSAGE_FILES } from '../messages/rollout-messages';

export const EXISTING_AV_PLAN = 'existing_av_plan';

interface ProductPlan {
  key: string;
  product: string;
  action: 'coexist' | 'remove';
  removePhase: string | null;
  quarantines: boolean;
  note: string;
}

/** What the document shows beside the plan: endpoints per product, products without a plan. */
const contextSchema = z.object({
  endpoints: z.record(z.string(), z.number()),
  unplanned: z.array(z.object({ product: z.string(), endpoints: z.number() })),
});
type Context = z.infer<typeof contextSchema>;

type Words = {
  title: string;
  heading: string;
  intro: string;
  columns: string[];
  empty: string;
  unplanned: (product: string, endpoints: number) => string;
  product: (name: string) => string;
  coexist: string;
  remove: (phase: string) => string;
  edrQuarantine: { off: string; free: string };
  fields: Record<'product' | 'action' | 'removePhase' | 'quarantines' | 'note', string>;
  action: Record<'coexist' | 'remove', string>;
};

/** The document's words (`snapshotDocument.avPlan` in the roll-out catalog), typed. */
const W: Readonly<Record<Language, Words>> = {
  ja: wordsIn('ja'),
  en: wordsIn('en'),
  zh: wordsIn('zh'),
};

function wordsIn(language: Language): Words {
  const words = ROLLOUT_MESSAGE_FILES[language].snapshotDocument.avPlan;
  return {
    ...words,
    unplanned: (product, endpoints) => interpolate(words.unplanned, { product, endpoints }),
    product: (name) => interpolate(words.product, { name }),
    remove: (phase) => interpolate(words.remove, { phase }),
  };
}

const localised = (pick: (w: Words) => string) => ({
  en: pick(W.en),
  ja: pick(W.ja),
  zh: pick(W.zh),
});

const SPEC: ConfigurationSpec = {
  facts: {},
  collections: {
    products: {
      item: (p, l) => W[l].product(String(p.product ?? '')),
      fields: {
        product: { label: localised((w) => w.fields.product) },
        action: {
          label: localised((w) => w.fields.action),
          format: (v, l) => wordFor(W[l].action, v),
        },
        removePhase: {
          label: localised((w) => w.fields.removePhase),
          format: (v, l) => wordFor(WORDS[l].phase, v),
        },
        quarantines: { label: localised((w) => w.fields.quarantines) },
        note: { label: localised((w) => w.fields.note) },
      },
    },
  },
};

/** `existing_av_plan`: for each existing product, coexist or remove (when), and whether it quarantines. */
export const avPlanSnapshot: SnapshotProvider = {
  title: localised((w) => w.title),

  async take(manager: EntityManager, engagementId: string): Promise<PlanSnapshot> {
    const plans = await manager
      .getRepository(SecurityProductPlan)
      .find({ where: { engagementId } });
    const found: { product: string; endpoints: number }[] = await manager.query(
      `SELECT min(existing_product) AS product, count(*)::int AS endpoints FROM endpoint
       WHERE engagement_id = $1 AND existing_product IS NOT NULL GROUP BY lower(existing_product)`,
      [engagementId],
    );
    const products: ProductPlan[] = plans
      .map((p) => ({
        key: textKey(p.product),
        product: p.product,
        action: p.action,
        removePhase: p.removePhase,
        quarantines: p.quarantines,
        note: p.note,
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
    const planned = new Set(products.map((p) => p.key));
    const context: Context = {
      endpoints: Object.fromEntries(found.map((f) => [textKey(f.product), f.endpoints])),
      unplanned: found
        .filter((f) => !planned.has(textKey(f.product)))
        .sort((a, b) => b.endpoints - a.endpoints || a.product.localeCompare(b.product)),
    };
    return { configuration: { products }, context: { ...context } };
  },

  compare: (before, after, language) => describeChanges(SPEC, before, after, language),

  sections(snapshot: PlanSnapshot, language: Language): DocumentSection[] {
    const w = W[language];
    const common = WORDS[language];
    const products = (snapshot.configuration.products ?? []) as ProductPlan[];
    const context = parseStored(contextSchema, snapshot.context, 'existing AV plan context');
    return [
      {
        key: 'products',
        heading: w.heading,
        intro: w.intro,
        warnings: context.unplanned.map((u) => w.unplanned(u.product, u.endpoints)),
        table: {
          columns: w.columns,
          empty: w.empty,
          rows: products.map((p) => ({
            key: rowKey('products', p.key),
            cells: [
              p.product,
              common.count(context.endpoints[p.key] ?? 0, language),
              p.action === 'coexist' ? w.coexist : w.remove(wordFor(common.phase, p.removePhase)),
              p.quarantines ? common.yes : common.no,
              p.action === 'coexist' && p.quarantines ? w.edrQuarantine.off : w.edrQuarantine.free,
              p.note || '—',
            ],
          })),
        },
      },
    ];
  },
};
