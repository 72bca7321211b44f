import { EntityManager } from 'typeorm';
import { SiteCapacity, siteCapacity, SiteFigures } from './wave-calculator';

export interface SiteView {
  site: string;
  endpoints: number;
  figures: (SiteFigures & { updatedAt: string }) | null;
  capacity: SiteCapacity | null;
}

export function figuresOf(row: SiteFigures): SiteFigures {
  return {
    linkMbps: row.linkMbps,
    updateSharePercent: row.updateSharePercent,
    peakUseMbps: row.peakUseMbps,
    packageSizeMb: row.packageSizeMb,
    downloadMbps: row.downloadMbps,
  };
}

/** Every site that has endpoints or figures, with its capacity when figures are known. */
export async function sitesOf(manager: EntityManager, engagementId: string): Promise<SiteView[]> {
  // One statement: the endpoints counted by site beside the sites' figures.
  const rows = (await manager.query(
    `SELECT coalesce(c.site, b.site) AS site, coalesce(c.endpoints, 0) AS endpoints,
            b.site IS NOT NULL AS "hasFigures", b.link_mbps AS "linkMbps",
            b.update_share_percent AS "updateSharePercent", b.peak_use_mbps AS "peakUseMbps",
            b.package_size_mb AS "packageSizeMb", b.download_mbps AS "downloadMbps",
            b.updated_at AS "updatedAt"
       FROM (SELECT site, count(*)::int AS endpoints FROM endpoint
              WHERE engagement_id = $1 GROUP BY site) c
       FULL JOIN (SELECT * FROM site_bandwidth WHERE engagement_id = $1) b ON b.site = c.site`,
    [engagementId],
  )) as (SiteFigures & {
    site: string;
    endpoints: number;
    hasFigures: boolean;
    updatedAt: Date | null;
  })[];
  return rows
    .sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0))
    .map((row) => {
      const figures = row.hasFigures ? figuresOf(row) : null;
      return {
        site: row.site,
        endpoints: row.endpoints,
        figures:
          figures && row.updatedAt ? { ...figures, updatedAt: row.updatedAt.toISOString() } : null,
        capacity: figures ? siteCapacity(figures) : null,
      };
    });
}
