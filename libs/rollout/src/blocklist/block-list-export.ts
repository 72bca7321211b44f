import { csvLine } from '@app/platform/csv/csv-line';
import type { BlockableIocType } from './ioc';

export interface ExportEntry {
  type: BlockableIocType;
  value: string;
  reason: string;
  expiresAt: Date | null;
}

const CSV_COLUMNS = ['type', 'value', 'reason', 'expires_at'] as const;

/** Entries in a stable order: by type, then value (code-point order, not locale). */
export function exportOrder<T extends ExportEntry>(entries: T[]): T[] {
  const key = (e: ExportEntry): string => `${e.type}\u0000${e.value}`;
  return [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** CRLF line ends (RFC 4180), a header row, one row per entry. */
export function toCsv(entries: ExportEntry[]): string {
  // Every cell quoted: the block list's export format, which customers' import scripts read.
  const rows = exportOrder(entries).map((e) =>
    csvLine([e.type, e.value, e.reason, e.expiresAt ? e.expiresAt.toISOString() : ''], 'always'),
  );
  return `${CSV_COLUMNS.join(',')}\r\n${rows.join('')}`;
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
