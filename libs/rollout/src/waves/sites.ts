import { EntityManager } from 'typeorm';
import { Endpoint } from '../inventory/endpoint.entity';
import { SiteBandwidth } from './site-bandwidth.entity';
import { SiteCapacity, siteCapacity, SiteFigures } from './wave-calculator';

export interface SiteView {
  site: string;
  endpoints: number;
  figures: (SiteFigures & { updatedAt: string }) | null;
  capacity: SiteCapacity | null;
}

export function figuresOf(row: SiteBandwidth): SiteFigures {
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
  const counts = (await manager
    .getRepository(Endpoint)
    .createQueryBuilder('e')
    .select('e.site', 'site')
    .addSelect('count(*)::int', 'endpoints')
    .where('e.engagement_id = :engagementId', { engagementId })
    .groupBy('e.site')
    .getRawMany()) as { site: string; endpoints: number }[];
  const rows = await manager.getRepository(SiteBandwidth).find({ where: { engagementId } });
  const rowOf = new Map(rows.map((r) => [r.site, r]));
  const names = [...new Set([...counts.map((c) => c.site), ...rows.map((r) => r.site)])].sort();
  return names.map((site) => {
    const row = rowOf.get(site);
    const figures = row ? figuresOf(row) : null;
    return {
      site,
      endpoints: counts.find((c) => c.site === site)?.endpoints ?? 0,
      figures: row && figures ? { ...figures, updatedAt: row.updatedAt.toISOString() } : null,
      capacity: figures ? siteCapacity(figures) : null,
    };
  });
}
