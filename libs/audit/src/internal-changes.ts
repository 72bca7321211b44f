import { createHash, randomBytes } from 'node:crypto';
import type { WithheldContent } from './audit-withheld-content.entity';
import { canonicalJson } from './canonical-json';

/** What an internal record's chain carries instead of its changes. */
export interface InternalChanges {
  visibility: 'internal';
  contentSha256: string;
  [key: string]: unknown;
}

/** The SHA-256 (hex) of withheld content's canonical JSON: what its record's `contentSha256` says. */
export function withheldContentSha256(content: WithheldContent): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}

/**
 * Splits an internal entry's changes into what its chain carries (existence only: the
 * visibility and a salted SHA-256) and what is kept aside for those who may read it.
 */
export function withholdChanges(changes: Record<string, unknown>): {
  chained: InternalChanges;
  withheld: WithheldContent;
} {
  const withheld = { salt: randomBytes(16).toString('hex'), changes };
  return {
    chained: { visibility: 'internal', contentSha256: withheldContentSha256(withheld) },
    withheld,
  };
}
