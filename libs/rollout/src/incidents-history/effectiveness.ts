import { BlockableIocType, IndicatorType, isBlockableType, isWindowsPath } from '../blocklist/ioc';

/** A block-list entry as the evaluation needs it (values already normalised). */
export interface BlockRule {
  id: string;
  type: BlockableIocType;
  value: string;
  expiresAt: Date | null;
}

export interface ObservedIndicator {
  type: IndicatorType;
  value: string;
}

export interface IncidentToCheck {
  id: string;
  title: string;
  indicators: ObservedIndicator[];
}

/**
 * `blocked`: an active entry matches. `not_blocked`: the list could hold it but does not.
 * `not_blockable`: process names and command lines are evidence only; a static list of these
 * types does not stop them.
 */
export type IndicatorOutcome = 'blocked' | 'not_blocked' | 'not_blockable';

export interface IndicatorResult extends ObservedIndicator {
  outcome: IndicatorOutcome;
  /** The entry that matched, when one did. */
  matchedEntryId: string | null;
  matchedValue: string | null;
}

/**
 * `stopped`: at least one indicator is blocked. `not_stopped`: some are blockable, none is.
 * `no_blockable_indicators`: only process names or command lines were observed.
 */
export type IncidentVerdict = 'stopped' | 'not_stopped' | 'no_blockable_indicators';

export interface IncidentResult {
  incidentId: string;
  title: string;
  verdict: IncidentVerdict;
  indicators: IndicatorResult[];
}

/** The incident's domain is the entry's domain or one of its subdomains. */
function domainMatches(indicator: string, entry: string): boolean {
  return indicator === entry || indicator.endsWith(`.${entry}`);
}

/** Windows paths compare case-insensitively (NTFS), POSIX paths exactly. */
function pathMatches(indicator: string, entry: string): boolean {
  if (isWindowsPath(indicator) && isWindowsPath(entry)) {
    return indicator.toLowerCase() === entry.toLowerCase();
  }
  return indicator === entry;
}

export function blockRuleMatches(rule: BlockRule, indicator: ObservedIndicator): boolean {
  if (rule.type !== indicator.type) return false;
  if (rule.type === 'domain') return domainMatches(indicator.value, rule.value);
  if (rule.type === 'file_path') return pathMatches(indicator.value, rule.value);
  // Hashes and IPs: exact (both sides are normalised to lower case / canonical form).
  return rule.value === indicator.value;
}

export function isActive(rule: BlockRule, now: Date): boolean {
  return rule.expiresAt === null || rule.expiresAt.getTime() > now.getTime();
}

function evaluateIndicator(indicator: ObservedIndicator, active: BlockRule[]): IndicatorResult {
  if (!isBlockableType(indicator.type)) {
    return { ...indicator, outcome: 'not_blockable', matchedEntryId: null, matchedValue: null };
  }
  const match = active.find((rule) => blockRuleMatches(rule, indicator));
  return match
    ? { ...indicator, outcome: 'blocked', matchedEntryId: match.id, matchedValue: match.value }
    : { ...indicator, outcome: 'not_blocked', matchedEntryId: null, matchedValue: null };
}

/**
 * Would the block list, as it stands at `now`, have stopped each past incident? Pure: the same
 * incidents, rules and time give the same report. Expired entries do not count.
 */
export function evaluateEffectiveness(
  incidents: IncidentToCheck[],
  rules: BlockRule[],
  now: Date,
): IncidentResult[] {
  const active = rules.filter((rule) => isActive(rule, now));
  return incidents.map((incident) => {
    const indicators = incident.indicators.map((i) => evaluateIndicator(i, active));
    const blockable = indicators.filter((i) => i.outcome !== 'not_blockable');
    const verdict: IncidentVerdict =
      blockable.length === 0
        ? 'no_blockable_indicators'
        : blockable.some((i) => i.outcome === 'blocked')
          ? 'stopped'
          : 'not_stopped';
    return { incidentId: incident.id, title: incident.title, verdict, indicators };
  });
}
