import type { Language } from '@app/access';

/**
 * A proposal as a person reads it, in one language: the facts and tables of a snapshot (or the
 * fields of written content), with what changed since the last approval marked. The portal page,
 * the HTML document and the PDF are all drawn from this one model.
 */
export interface DocumentFact {
  /** Stable within its section; a change with the same key marks the fact as changed. */
  key: string;
  label: string;
  value: string;
  changed?: boolean;
}

export interface DocumentRow {
  /** The row's identity, as the comparison names it (e.g. a group's id). */
  key: string;
  cells: string[];
  status?: 'added' | 'changed' | null;
}

export interface DocumentTable {
  columns: string[];
  rows: DocumentRow[];
  /** Shown instead of an empty table. */
  empty: string;
}

export interface DocumentSection {
  key: string;
  heading: string;
  /** A sentence or two before the facts and the table. */
  intro?: string;
  facts?: DocumentFact[];
  table?: DocumentTable;
  /** Things the reader should notice (a site without figures, a product without a plan). */
  warnings?: string[];
}

/** One difference between the last approved version and this one, worded for the reader. */
export interface ProposalChange {
  kind: 'added' | 'removed' | 'changed';
  /** The row or fact it concerns (matches DocumentRow.key / DocumentFact.key). */
  key: string;
  /** What it is about, e.g. `Group "Office PCs"` or `Tuning period`. */
  item: string;
  /** The field, e.g. `Quarantine`; null when a whole item was added or removed. */
  field: string | null;
  before: string | null;
  after: string | null;
}

/** Marks the rows and facts the changes name; a removed item has no row to mark. */
export function markChanges(
  sections: DocumentSection[],
  changes: ProposalChange[],
): DocumentSection[] {
  const added = new Set(changes.filter((c) => c.kind === 'added').map((c) => c.key));
  const changed = new Set(changes.filter((c) => c.kind === 'changed').map((c) => c.key));
  return sections.map((section) => ({
    ...section,
    facts: section.facts?.map((fact) => ({
      ...fact,
      changed: changed.has(fact.key) || added.has(fact.key),
    })),
    table: section.table && {
      ...section.table,
      rows: section.table.rows.map((row) => ({
        ...row,
        status: added.has(row.key) ? 'added' : changed.has(row.key) ? 'changed' : null,
      })),
    },
  }));
}

const SUMMARY: Record<
  Language,
  {
    more: (n: number) => string;
    separator: string;
    colon: string;
    around: (text: string) => string;
    added: string;
    removed: string;
  }
> = {
  en: {
    more: (n) => `and ${n} more`,
    separator: '; ',
    colon: ': ',
    around: (t) => ` (${t})`,
    added: 'added',
    removed: 'removed',
  },
  ja: {
    more: (n) => `ほか${n}件`,
    separator: '、',
    colon: '：',
    around: (t) => `（${t}）`,
    added: '追加',
    removed: '削除',
  },
  zh: {
    more: (n) => `另有 ${n} 项`,
    separator: '；',
    colon: '：',
    around: (t) => `（${t}）`,
    added: '新增',
    removed: '删除',
  },
};

/** "A: B (x → y); C (added) and 2 more": the first few changes in one line, for a stale reason or a mail. */
export function summariseChanges(changes: ProposalChange[], language: Language, limit = 3): string {
  const w = SUMMARY[language];
  const shown = changes.slice(0, limit).map((c) => {
    const what = c.field ? `${c.item}${w.colon}${c.field}` : c.item;
    if (c.kind === 'changed')
      return c.before !== null && c.after !== null
        ? `${what}${w.around(`${c.before} → ${c.after}`)}`
        : what;
    return `${what}${w.around(c.kind === 'added' ? w.added : w.removed)}`;
  });
  const rest = changes.length - shown.length;
  return rest > 0
    ? `${shown.join(w.separator)}${w.separator}${w.more(rest)}`
    : shown.join(w.separator);
}
