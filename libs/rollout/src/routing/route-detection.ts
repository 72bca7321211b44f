export const ROUTING_MODES = ['per_country', 'headquarters_first'] as const;
export type RoutingMode = (typeof ROUTING_MODES)[number];

/** Why a recipient gets the detection: their country's IT, or headquarters (chosen or fallback). */
export const ROUTING_REASONS = ['country', 'headquarters', 'fallback'] as const;
export type RoutingReason = (typeof ROUTING_REASONS)[number];

export interface RoutingCandidates {
  /** Customer IT staff (customer_it memberships) with the country their membership names. */
  countryIt: { userId: string; countryCode: string | null }[];
  /** The customer's security lead(s): headquarters. */
  headquarters: string[];
}

export interface RoutingDecision {
  reason: RoutingReason;
  userIds: string[];
}

/**
 * Who is told about a detection on an endpoint in `country` (null: the endpoint is unknown).
 * per_country: that country's customer IT; nobody there (or no country) → headquarters, as a
 * fallback. headquarters_first: always the security lead(s), who forward with instructions.
 */
export function routeDetection(
  mode: RoutingMode,
  country: string | null,
  candidates: RoutingCandidates,
): RoutingDecision {
  const hq = [...new Set(candidates.headquarters)].sort();
  if (mode === 'headquarters_first') return { reason: 'headquarters', userIds: hq };
  const local =
    country === null
      ? []
      : [
          ...new Set(
            candidates.countryIt.filter((c) => c.countryCode === country).map((c) => c.userId),
          ),
        ].sort();
  return local.length > 0
    ? { reason: 'country', userIds: local }
    : { reason: 'fallback', userIds: hq };
}
