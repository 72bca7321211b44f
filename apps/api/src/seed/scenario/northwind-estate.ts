/** Northwind's estate: the Leeds support centre and its stores, all on current systems. */
export function northwindInventoryCsv(): string {
  const rows = ['hostname,type,os_family,os_version,kernel,site,country,existing_product,tags'];
  for (let n = 1; n <= 30; n++)
    rows.push(
      `lds-pc-${String(n).padStart(3, '0')},client,windows,10.0.26100,,Leeds,GB,Old AV 9,office`,
    );
  for (let n = 1; n <= 8; n++)
    rows.push(
      `str-pos-${String(n).padStart(3, '0')},client,windows,10.0.26100,,Stores,GB,Old AV 9,store`,
    );
  for (let n = 1; n <= 4; n++)
    rows.push(
      `lds-srv-${String(n).padStart(3, '0')},server,windows,Windows Server 2022,,Leeds,GB,,core`,
    );
  return rows.join('\r\n');
}

export const NORTHWIND_GROUPS = [
  {
    name: 'Servers',
    kind: 'production',
    priority: 10,
    rule: { type: ['server'] },
    policy: { mode: 'detect', quarantine: false, updates: 'manual', maxConcurrentUpdates: 1 },
  },
  {
    name: 'Office and store PCs',
    kind: 'production',
    priority: 20,
    rule: { type: ['client'] },
    policy: { mode: 'detect', quarantine: false, updates: 'automatic', maxConcurrentUpdates: 10 },
  },
];
