import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { parseStored } from '@app/platform';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { SecurityProductPlan } from '../coexistence/security-product-plan.entity';
import { ConfigurationSpec, describeChanges, rowKey, textKey } from './snapshot-vocabulary';
import { WORDS, wordFor } from './snapshot-words';

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

const W: Record<Language, Words> = {
  en: {
    title: 'Coexistence or removal of the existing antivirus',
    heading: 'Existing security products',
    intro:
      'Where a product that quarantines stays beside the EDR, the EDR policy of those endpoints turns its own quarantine off, so the two never quarantine the same file.',
    columns: ['Product', 'Endpoints', 'Plan', 'Quarantines itself', 'EDR quarantine', 'Note'],
    empty: 'No plan has been recorded.',
    unplanned: (p, n) => `${p} (${n} endpoint(s)) has no plan yet.`,
    product: (n) => `Product ${n}`,
    coexist: 'Coexists with the EDR',
    remove: (phase) => `Removed in ${phase}`,
    edrQuarantine: { off: 'Must be off', free: 'As the group policy says' },
    fields: {
      product: 'Product',
      action: 'Plan',
      removePhase: 'Removed in',
      quarantines: 'Quarantines itself',
      note: 'Note',
    },
    action: { coexist: 'Coexist', remove: 'Remove' },
  },
  ja: {
    title: '既存のウイルス対策ソフトの共存・撤去計画',
    heading: '既存のセキュリティ製品',
    intro:
      '隔離を行う製品をEDRと共存させる端末では、二つの製品が同じファイルを隔離しないよう、EDRのポリシー側で隔離を無効にします。',
    columns: ['製品', '端末', '計画', '製品自身の隔離', 'EDRの隔離', '備考'],
    empty: '計画はまだ記録されていません。',
    unplanned: (p, n) => `${p}（端末 ${n} 台）の計画がまだありません。`,
    product: (n) => `製品 ${n}`,
    coexist: 'EDRと共存',
    remove: (phase) => `${phase}に撤去`,
    edrQuarantine: { off: '無効にする', free: 'グループのポリシーどおり' },
    fields: {
      product: '製品',
      action: '計画',
      removePhase: '撤去の時期',
      quarantines: '製品自身の隔離',
      note: '備考',
    },
    action: { coexist: '共存', remove: '撤去' },
  },
  zh: {
    title: '现有防病毒软件的共存或卸载方案',
    heading: '现有安全产品',
    intro:
      '凡保留会执行隔离的产品与 EDR 共存的终端，其 EDR 策略须关闭自身的隔离功能，确保两款产品不会隔离同一文件。',
    columns: ['产品', '终端', '方案', '产品自身隔离', 'EDR 隔离', '备注'],
    empty: '尚未登记任何方案。',
    unplanned: (p, n) => `${p}（${n} 台终端）尚无方案。`,
    product: (n) => `产品 ${n}`,
    coexist: '与 EDR 共存',
    remove: (phase) => `于${phase}卸载`,
    edrQuarantine: { off: '须关闭', free: '按分组策略' },
    fields: {
      product: '产品',
      action: '方案',
      removePhase: '卸载时间',
      quarantines: '产品自身隔离',
      note: '备注',
    },
    action: { coexist: '共存', remove: '卸载' },
  },
};

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
