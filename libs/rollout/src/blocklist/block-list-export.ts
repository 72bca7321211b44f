import type { BlockableIocType } from './ioc';

export interface ExportEntry {
  type: BlockableIocType;
  value: string;
  reason: string;
  expiresAt: Date | null;
}

export const CSV_COLUMNS = ['type', 'value', 'reason', 'expires_at'] as const;

/**
 * One CSV cell: always quoted, quotes doubled, and a leading = + - @ tab or CR neutralised with
 * an apostrophe so a spreadsheet never runs it as a formula (CSV injection).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Entries in a stable order: by type, then value (code-point order, not locale). */
export function exportOrder<T extends ExportEntry>(entries: T[]): T[] {
  const key = (e: ExportEntry): string => `${e.type}\u0000${e.value}`;
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** CRLF line ends (RFC 4180), a header row, one row per entry. */
export function toCsv(entries: ExportEntry[]): string {
  const rows = exportOrder(entries).map((e) =>
    [e.type, e.value, e.reason, e.expiresAt ? e.expiresAt.toISOString() : ''].map(csvCell).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].map((line) => `${line}\r\n`).join('');
}

export interface BlockListJson {
  engagementId: string;
  exportedAt: string;
  count: number;
  entries: { type: BlockableIocType; value: string; reason: string; expiresAt: string | null }[];
}

export function toJson(engagementId: string, entries: ExportEntry[], now: Date): BlockListJson {
  const ordered = exportOrder(entries);
  return {
    engagementId,
    exportedAt: now.toISOString(),
    count: ordered.length,
    entries: ordered.map((e) => ({
      type: e.type,
      value: e.value,
      reason: e.reason,
      expiresAt: e.expiresAt ? e.expiresAt.toISOString() : null,
    })),
  };
}
