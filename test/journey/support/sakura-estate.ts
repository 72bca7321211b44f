/**
 * The journey's small Sakura estate (the demo scenario imports a few hundred endpoints from
 * the same module); the groups, sites and figures are the scenario's.
 */
export {
  SAKURA_GROUPS,
  SAKURA_SITE_FIGURES,
  SAKURA_SITES,
} from '../../../apps/api/src/seed/scenario/sakura-estate';

export const SAKURA_INVENTORY_CSV = [
  'hostname,type,os_family,os_version,kernel,site,country,existing_product,tags',
  ...[1, 2, 3, 4, 5, 6].map(
    (n) => `tky-pc-00${n},client,windows,10.0.26100,,東京本社,JP,Legacy AV 12,office`,
  ),
  'tky-pc-007,client,windows,Windows 7,,東京本社,JP,Legacy AV 12,office',
  'tky-srv-001,server,windows,Windows Server 2022,,東京本社,JP,,core',
  'tky-srv-002,server,windows,Windows Server 2012 R2 Standard,,東京本社,JP,,erp',
  ...[1, 2, 3].map((n) => `osk-pc-00${n},client,windows,10.0.26100,,Osaka,JP,Legacy AV 12,plant`),
  'osk-srv-001,server,windows,Windows Server 2019,,Osaka,JP,,plant',
  ...[1, 2, 3].map((n) => `sh-pc-00${n},client,windows,10.0.26100,,上海工厂,CN,Legacy AV 12,plant`),
  'sh-srv-001,server,linux,Ubuntu 24.04,6.8.0-40-generic,上海工厂,CN,,mes',
  'sh-srv-002,server,linux,CentOS 6,2.6.32-754,上海工厂,CN,,legacy',
].join('\r\n');
