/**
 * Sakura Manufacturing's estate as its IT staff export it: office PCs and servers in Tokyo,
 * Osaka and Shanghai, the old antivirus on the PCs, and the OSes that need a decision
 * (Windows 7, Windows Server 2012 R2, CentOS 6).
 */
export const SAKURA_SITES = ['東京本社', 'Osaka', '上海工厂'] as const;

export const SAKURA_INVENTORY_CSV = [
  'hostname,type,os_family,os_version,kernel,site,country,existing_product,tags',
  ...[1, 2, 3, 4, 5, 6].map((n) => `tky-pc-00${n},client,windows,10.0.26100,,東京本社,JP,Legacy AV 12,office`),
  'tky-pc-007,client,windows,Windows 7,,東京本社,JP,Legacy AV 12,office',
  'tky-srv-001,server,windows,Windows Server 2022,,東京本社,JP,,core',
  'tky-srv-002,server,windows,Windows Server 2012 R2 Standard,,東京本社,JP,,erp',
  ...[1, 2, 3].map((n) => `osk-pc-00${n},client,windows,10.0.26100,,Osaka,JP,Legacy AV 12,plant`),
  'osk-srv-001,server,windows,Windows Server 2019,,Osaka,JP,,plant',
  ...[1, 2, 3].map((n) => `sh-pc-00${n},client,windows,10.0.26100,,上海工厂,CN,Legacy AV 12,plant`),
  'sh-srv-001,server,linux,Ubuntu 24.04,6.8.0-40-generic,上海工厂,CN,,mes',
  'sh-srv-002,server,linux,CentOS 6,2.6.32-754,上海工厂,CN,,legacy',
].join('\r\n');

/** How the provider groups them: servers in detect mode, office PCs by country. */
export const SAKURA_GROUPS = [
  { name: 'Servers', kind: 'production', priority: 10, rule: { type: ['server'] }, policy: { mode: 'detect', quarantine: false, updates: 'manual', maxConcurrentUpdates: 2 } },
  { name: 'Office PCs Japan', kind: 'production', priority: 20, rule: { type: ['client'], country: ['JP'] }, policy: { mode: 'detect', quarantine: false, updates: 'automatic', maxConcurrentUpdates: 5 } },
  { name: 'Office PCs China', kind: 'production', priority: 30, rule: { type: ['client'], country: ['CN'] }, policy: { mode: 'detect', quarantine: false, updates: 'automatic', maxConcurrentUpdates: 3 } },
];

/** What the IT staff measured on each site's link (Mbps) and the sensor package (MB). */
export const SAKURA_SITE_FIGURES = { linkMbps: 200, updateSharePercent: 20, peakUseMbps: 120, packageSizeMb: 150, downloadMbps: 4 };
