import type { Test } from 'supertest';
import type { TestApp } from '../../support/test-app';

export const HEADER =
  'hostname,type,os_family,os_version,kernel,site,country,existing_product,tags';

/** A small estate with one endpoint of each interesting kind (statuses as of 2026–2030). */
export const SAMPLE_ROWS = [
  'tky-pc-001,client,windows,10.0.26100,,東京本社,JP,Legacy AV 12,office;finance',
  'tky-pc-002,client,windows,Windows 7,,東京本社,JP,Legacy AV 12,office',
  'tky-srv-001,server,windows,Windows Server 2012 R2 Standard,,東京本社,JP,Legacy AV 12,core',
  'osk-srv-002,server,windows,Windows Server 2022,,"Osaka, Plant 2",JP,,core|erp',
  'sh-srv-001,server,linux,Ubuntu 22.04,6.8.0-40-generic,上海工厂,CN,Other AV,',
  'sh-srv-002,server,linux,Debian 10,4.19.0-26,上海工厂,CN,Other AV,',
  'sh-mac-001,client,macos,15.1,,上海工厂,CN,,design',
];

export function csv(rows: string[], header = HEADER): string {
  return [header, ...rows].join('\r\n') + '\r\n';
}

/** `rows` generated endpoints: hostnames gen-000000…, a few sites and OS versions. */
export function generatedCsv(rows: number): string {
  const versions = ['10.0.26100', 'Windows Server 2012 R2', 'Windows Server 2022', '6.1.7601'];
  const lines = [HEADER];
  for (let i = 0; i < rows; i += 1) {
    lines.push(
      `gen-${String(i).padStart(6, '0')},${i % 3 ? 'client' : 'server'},windows,${versions[i % versions.length]},,Site ${i % 7},JP,Legacy AV 12,bulk`,
    );
  }
  return lines.join('\n') + '\n';
}

export function upload(
  t: TestApp,
  auth: string,
  engagementId: string,
  body: string,
  query = '',
): Test {
  return t
    .http()
    .post(`/api/engagements/${engagementId}/endpoints/import${query}`)
    .set('Authorization', auth)
    .attach('file', Buffer.from(body, 'utf8'), 'endpoints.csv');
}
