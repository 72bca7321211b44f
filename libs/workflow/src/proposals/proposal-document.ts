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
export function markChanges(sections: DocumentSection[], changes: ProposalChange[]): DocumentSection[] {
  const added = new Set(changes.filter((c) => c.kind === 'added').map((c) => c.key));
  const changed = new Set(changes.filter((c) => c.kind === 'changed').map((c) => c.key));
  return sections.map((section) => ({
    ...section,
    facts: section.facts?.map((fact) => ({ ...fact, changed: changed.has(fact.key) || added.has(fact.key) })),
    table: section.table && {
      ...section.table,
      rows: section.table.rows.map((row) => ({
        ...row,
        status: added.has(row.key) ? 'added' : changed.has(row.key) ? 'changed' : null,
      })),
    },
  }));
}

/** "A; B; C and 2 more": the first few changes in one line, for a stale reason or a mail. */
export function summariseChanges(changes: ProposalChange[], more: (count: number) => string, limit = 3): string {
  const shown = changes.slice(0, limit).map((c) => {
    const what = c.field ? `${c.item}: ${c.field}` : c.item;
    if (c.kind === 'changed' && c.before !== null && c.after !== null) return `${what} (${c.before} → ${c.after})`;
    return c.kind === 'changed' ? what : `${what} (${c.kind === 'added' ? '+' : '−'})`;
  });
  const rest = changes.length - shown.length;
  return rest > 0 ? `${shown.join('; ')}; ${more(rest)}` : shown.join('; ');
}
