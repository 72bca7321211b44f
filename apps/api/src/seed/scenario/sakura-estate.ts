/**
 * Sakura Manufacturing's estate as its IT staff export it: office PCs and servers in Tokyo,
 * Osaka and Shanghai, the old antivirus on the PCs, and the OSes that need a decision
 * (Windows 7, Windows Server 2012 R2, CentOS 6). The journey tests walk a small one; the demo
 * scenario imports `sakuraInventoryCsv()`, a few hundred endpoints, the same every time.
 */
export const SAKURA_SITES = ['東京本社', 'Osaka', '上海工厂'] as const;

/** How the provider groups them: servers in detect mode, office PCs by country. */
export const SAKURA_GROUPS = [
  {
    name: 'Servers',
    kind: 'production',
    priority: 10,
    rule: { type: ['server'] },
    policy: { mode: 'detect', quarantine: false, updates: 'manual', maxConcurrentUpdates: 2 },
  },
  {
    name: 'Office PCs Japan',
    kind: 'production',
    priority: 20,
    rule: { type: ['client'], country: ['JP'] },
    policy: { mode: 'detect', quarantine: false, updates: 'automatic', maxConcurrentUpdates: 5 },
  },
  {
    name: 'Office PCs China',
    kind: 'production',
    priority: 30,
    rule: { type: ['client'], country: ['CN'] },
    policy: { mode: 'detect', quarantine: false, updates: 'automatic', maxConcurrentUpdates: 3 },
  },
];

/** What the IT staff measured on each site's link (Mbps) and the sensor package (MB). */
export const SAKURA_SITE_FIGURES = {
  linkMbps: 200,
  updateSharePercent: 20,
  peakUseMbps: 120,
  packageSizeMb: 150,
  downloadMbps: 4,
};

const INVENTORY_HEADER =
  'hostname,type,os_family,os_version,kernel,site,country,existing_product,tags';

interface SiteMix {
  prefix: string;
  site: (typeof SAKURA_SITES)[number];
  country: string;
  tag: string;
  pcs: number;
  windows7: number;
  servers: {
    os: string;
    family: 'windows' | 'linux';
    kernel?: string;
    count: number;
    tag: string;
  }[];
}

const MIX: SiteMix[] = [
  {
    prefix: 'tky',
    site: '東京本社',
    country: 'JP',
    tag: 'office',
    pcs: 140,
    windows7: 10,
    servers: [
      { os: 'Windows Server 2022', family: 'windows', count: 8, tag: 'core' },
      { os: 'Windows Server 2012 R2 Standard', family: 'windows', count: 3, tag: 'erp' },
      { os: 'Ubuntu 22.04', family: 'linux', kernel: '5.15.0-105-generic', count: 2, tag: 'web' },
    ],
  },
  {
    prefix: 'osk',
    site: 'Osaka',
    country: 'JP',
    tag: 'plant',
    pcs: 70,
    windows7: 4,
    servers: [
      { os: 'Windows Server 2019', family: 'windows', count: 5, tag: 'plant' },
      {
        os: 'Windows Server 2012 R2 Standard',
        family: 'windows',
        count: 1,
        tag: 'scada-historian',
      },
    ],
  },
  {
    prefix: 'sh',
    site: '上海工厂',
    country: 'CN',
    tag: 'plant',
    pcs: 50,
    windows7: 3,
    servers: [
      { os: 'Ubuntu 24.04', family: 'linux', kernel: '6.8.0-40-generic', count: 3, tag: 'mes' },
      { os: 'CentOS 6', family: 'linux', kernel: '2.6.32-754', count: 2, tag: 'legacy' },
      { os: 'Windows Server 2012 R2 Standard', family: 'windows', count: 1, tag: 'file' },
    ],
  },
];

const pad = (n: number): string => String(n).padStart(3, '0');

/** The whole estate: 302 endpoints, in a fixed order. */
export function sakuraInventoryCsv(): string {
  const rows = [INVENTORY_HEADER];
  for (const site of MIX) {
    for (let n = 1; n <= site.pcs + site.windows7; n++) {
      const os = n > site.pcs ? 'Windows 7' : n % 4 === 0 ? '10.0.19045' : '10.0.26100';
      rows.push(
        `${site.prefix}-pc-${pad(n)},client,windows,${os},,${site.site},${site.country},Legacy AV 12,${site.tag}`,
      );
    }
    let server = 0;
    for (const kind of site.servers) {
      for (let i = 0; i < kind.count; i++) {
        server += 1;
        rows.push(
          `${site.prefix}-srv-${pad(server)},server,${kind.family},${kind.os},${kind.kernel ?? ''},${site.site},${site.country},,${kind.tag}`,
        );
      }
    }
  }
  return rows.join('\r\n');
}
