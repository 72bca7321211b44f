/**
 * Sizing sensor updates to a site's network, written down so it can be checked by hand:
 *
 *   free        = max(0, link − peak use)                      Mbps the peak leaves free
 *   budget      = free × share / 100                           Mbps updates may take
 *   concurrent  = floor(budget / per-download rate)            downloads at once
 *   wave time   = n × package MB × 8 / budget                  seconds, for n ≤ concurrent
 *
 * A wave of n downloads shares the budget, so each runs at budget / n ≥ the per-download rate
 * and the whole wave moves n × size megabytes through the budget.
 */
export interface SiteFigures {
  linkMbps: number;
  updateSharePercent: number;
  peakUseMbps: number;
  packageSizeMb: number;
  downloadMbps: number;
}

export interface SiteCapacity {
  freeMbps: number;
  budgetMbps: number;
  maxConcurrentDownloads: number;
}

export function siteCapacity(site: SiteFigures): SiteCapacity {
  const freeMbps = Math.max(0, site.linkMbps - site.peakUseMbps);
  const budgetMbps = (freeMbps * site.updateSharePercent) / 100;
  // A hair of tolerance so 10 / 2.5 is 4, not 3 by floating-point error.
  const maxConcurrentDownloads = Math.floor(budgetMbps / site.downloadMbps + 1e-9);
  return { freeMbps, budgetMbps, maxConcurrentDownloads };
}

/** Seconds for one wave of `downloads` endpoints (0 when the site has no budget). */
export function waveSeconds(site: SiteFigures, downloads: number): number {
  const { budgetMbps } = siteCapacity(site);
  if (budgetMbps <= 0 || downloads <= 0) return 0;
  return (downloads * site.packageSizeMb * 8) / budgetMbps;
}

export interface WaveMember {
  endpointId: string;
  hostname: string;
  type: 'client' | 'server';
  site: string;
  groupId: string;
  groupName: string;
  groupKind: 'evaluation' | 'production';
  groupPriority: number;
  /** The group's policy: how many endpoints may update at once. */
  maxConcurrentUpdates: number;
}

export interface Wave {
  number: number;
  groupId: string;
  groupName: string;
  hostnames: string[];
  seconds: number;
}

export interface SiteWavePlan extends SiteCapacity {
  waves: Wave[];
  totalSeconds: number;
}

/**
 * The waves of one site: evaluation groups first (they are the first roll-out wave), then
 * groups without servers, then those with servers (servers update after office PCs took the
 * same version), then by priority; each group in chunks of at most the smaller of the site's
 * concurrent downloads and the group policy's max concurrent updates. No waves without budget.
 */
export function planSiteWaves(site: SiteFigures, members: WaveMember[]): SiteWavePlan {
  const capacity = siteCapacity(site);
  const plan: SiteWavePlan = { ...capacity, waves: [], totalSeconds: 0 };
  if (capacity.maxConcurrentDownloads < 1) return plan;
  const byGroup = new Map<string, WaveMember[]>();
  for (const m of members) byGroup.set(m.groupId, [...(byGroup.get(m.groupId) ?? []), m]);
  const order = (g: WaveMember[]): [number, number, number] => [
    g[0].groupKind === 'evaluation' ? 0 : 1,
    g.some((m) => m.type === 'server') ? 1 : 0,
    g[0].groupPriority,
  ];
  const groups = [...byGroup.values()].sort((a, b) => {
    const [x, y] = [order(a), order(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
  for (const group of groups) {
    const size = Math.max(
      1,
      Math.min(capacity.maxConcurrentDownloads, group[0].maxConcurrentUpdates),
    );
    const sorted = [...group].sort((a, b) =>
      a.type === b.type ? a.hostname.localeCompare(b.hostname) : a.type === 'client' ? -1 : 1,
    );
    for (let i = 0; i < sorted.length; i += size) {
      const chunk = sorted.slice(i, i + size);
      const seconds = waveSeconds(site, chunk.length);
      plan.waves.push({
        number: plan.waves.length + 1,
        groupId: group[0].groupId,
        groupName: group[0].groupName,
        hostnames: chunk.map((m) => m.hostname),
        seconds,
      });
      plan.totalSeconds += seconds;
    }
  }
  return plan;
}
