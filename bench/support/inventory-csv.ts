/** The header of the endpoint inventory CSV that bench/import and bench/encoder generate. */
export const INVENTORY_HEADER =
  'hostname,type,os_family,os_version,kernel,site,country,existing_product,tags';

const KINDS = [
  'client,windows,10.0.26100,',
  'client,windows,10.0.19045,',
  'server,windows,Windows Server 2012 R2 Standard,',
  'server,windows,Windows Server 2022 Datacenter,',
  'server,linux,Ubuntu 22.04.4 LTS,6.8.0-40-generic',
  'server,linux,RHEL 8.6,4.18.0-372.9.1.el8.x86_64',
  'client,macos,15.1,',
];
const SITES = [
  '東京本社,JP',
  '"Osaka, Plant 2",JP',
  '上海工厂,CN',
  'Frankfurt DC,DE',
  'Austin Office,US',
];

/**
 * Endpoint number `i` of a realistic estate (no newline): Windows clients and servers, Linux with
 * kernels, Macs; quoted and non-Latin sites; an existing product on three in four; two tags.
 */
export function inventoryLine(i: number): string {
  return `host-${String(i).padStart(7, '0')}.corp.example,${KINDS[i % KINDS.length]},${SITES[i % SITES.length]},${i % 4 ? 'Legacy AV 12' : ''},office;tier-${i % 3}`;
}
