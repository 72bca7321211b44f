import type { Language } from '@app/access';
import type { DocumentSection, PlanSnapshot, SnapshotProvider } from '@app/workflow';
import { parseStored, interpolate } from '@app/platform';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { undecidedEndpointReasons, undecidedEndpoints } from '../support/decision-check';
import { DecisionKind, EndpointDecision } from '../support/endpoint-decision.entity';
import { ConfigurationSpec, describeChanges, rowKey } from './snapshot-vocabulary';
import { formatDay, formatNumber, WORDS } from './snapshot-words';
import { ROLLOUT_MESSAGE_FILES } from '../messages/rollout-messages';

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

/** The document's words (`snapshotDocument.decisions` in the roll-out catalog), typed. */
const W: Readonly<Record<Language, Words>> = {
  ja: wordsIn('ja'),
  en: wordsIn('en'),
  zh: wordsIn('zh'),
};

function wordsIn(language: Language): Words {
  const words = ROLLOUT_MESSAGE_FILES[language].snapshotDocument.decisions;
  return {
    ...words,
    listed: (count) => interpolate(words.listed, { count }),
    decision: (kind, count) => interpolate(words.decision, { kind, count }),
    approvedBy: (day, by) => (by ? interpolate(words.approvedBy, { day, by }) : day),
    pending: (count) => interpolate(words.pending, { count }),
  };
}

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
