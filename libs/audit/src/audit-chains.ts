/**
 * Which chain a record belongs to. Each engagement has its own chain, so its records are
 * contiguous and verifiable alone, and writes of different customers never wait on each other;
 * records of no engagement (organisations, users, logins) form the platform chain.
 */
const PLATFORM_CHAIN = 'platform';

const ENGAGEMENT_PREFIX = 'engagement:';

export function chainOf(engagementId: string | null | undefined): string {
  return engagementId ? `${ENGAGEMENT_PREFIX}${engagementId}` : PLATFORM_CHAIN;
}

/** The engagement whose chain this is; null for the platform chain. */
export function engagementOfChain(chain: string): string | null {
  return chain.startsWith(ENGAGEMENT_PREFIX) ? chain.slice(ENGAGEMENT_PREFIX.length) : null;
}
