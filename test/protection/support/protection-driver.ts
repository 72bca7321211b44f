import { createHmac } from 'node:crypto';
import { Tokens } from '../../support/onboarding-driver';
import { TestApp } from '../../support/test-app';

export async function engagementIdOf(
  t: TestApp,
  tokens: Tokens,
  customerName: string,
): Promise<string> {
  const list = await t
    .http()
    .get('/api/engagements')
    .set('Authorization', await tokens.for('lead@mdr.example'))
    .expect(200);
  return list.body.items.find((e: { customerName: string }) => e.customerName === customerName).id;
}

/** Inserts inventory endpoints directly (the CSV import is another feature). */
export async function insertEndpoint(
  t: TestApp,
  engagementId: string,
  hostname: string,
  country: string,
  site = 'HQ',
): Promise<string> {
  // Each engagement's endpoints are its own partition, made by its first import or on demand.
  await t.dataSource.query(`SELECT endpoint_partition_ensure($1)`, [engagementId]);
  const rows: { id: string }[] = await t.dataSource.query(
    `INSERT INTO endpoint (engagement_id, hostname, type, os_family, os_version, site, country)
     VALUES ($1, $2, 'client', 'windows', 'Windows 11 23H2', $3, $4) RETURNING id`,
    [engagementId, hostname, site, country],
  );
  return rows[0]?.id as string;
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Posts a detection exactly as the EDR would: the raw JSON text, signed. */
export function postDetection(
  t: TestApp,
  engagementId: string,
  body: string,
  signature: string | null,
) {
  const request = t
    .http()
    .post(`/api/engagements/${engagementId}/detections`)
    .set('Content-Type', 'application/json');
  return (signature === null ? request : request.set('X-Signature', signature)).send(body);
}

export function detectionJson(
  detectionId: string,
  hostname: string,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    detectionId,
    detectedAt: '2026-03-01T09:30:00+09:00',
    hostname,
    severity: 'high',
    title: `Ransomware behaviour on ${hostname}`,
    details: { process: 'evil.exe', commandLine: 'vssadmin delete shadows /all' },
    ...extra,
  });
}
