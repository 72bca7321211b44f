import type { SupportStatus } from '../endpoint.entity';

export interface RowProblem {
  line: number;
  reason: string;
}

/** At most this many bad rows are listed; `invalid` always counts them all. */
export const MAX_LISTED_PROBLEMS = 1000;

export interface ImportCounts {
  /** Data rows read (blank lines excluded). */
  rows: number;
  /** Rows that passed validation. */
  valid: number;
  invalid: number;
  bytes: number;
  bySupportStatus: Record<SupportStatus, number>;
}

export interface ImportReport extends ImportCounts {
  engagementId: string;
  /** Good rows taken in (created + updated + unchanged); 0 when bad rows stopped the import. */
  imported: number;
  created: number;
  updated: number;
  /** Rows equal to what the inventory already held: left untouched. */
  unchanged: number;
  /** With skip-invalid: the bad rows that were left out. Otherwise the bad rows that stopped it. */
  problems: RowProblem[];
  problemsTruncated: boolean;
  skipInvalid: boolean;
}

export interface ImportProgress {
  rows: number;
  bytes: number;
}

export interface ImportOptions {
  skipInvalid: boolean;
  /** The uploaded file's name, for the audit record. */
  fileName?: string | null;
  onProgress?: (progress: ImportProgress) => void;
}
