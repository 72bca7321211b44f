// date-sensitive: indicator expiry (run again with the real time moved ahead: scripts/test-time-shift.sh)
import { Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { engagementIdOf } from './support/protection-driver';

const SHA = 'AB'.repeat(32);

describe('static block list', () => {
  let t: TestApp;
  let tokens: Tokens;
  let sakura: string;
  let northwind: string;
  const as = async (email: string) => tokens.for(email);

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    sakura = await engagementIdOf(t, tokens, 'Sakura Manufacturing');
    northwind = await engagementIdOf(t, tokens, 'Northwind Retail');
  });
  afterAll(() => t.close());

  const add = async (email: string, body: object, status: number) =>
    (
      await t
        .http()
        .post(`/api/engagements/${sakura}/block-list`)
        .set('Authorization', await as(email))
        .send(body)
        .expect(status)
    ).body;

  it('normalises what it stores and refuses duplicates with 409', async () => {
    const hash = await add(
      'analyst@mdr.example',
      { type: 'sha256', value: SHA, reason: 'LockBit dropper' },
      201,
    );
    expect(hash).toMatchObject({ type: 'sha256', value: SHA.toLowerCase(), active: true });
    const idn = await add(
      'lead@mdr.example',
      { type: 'domain', value: 'ドメイン.example', reason: 'phishing' },
      201,
    );
    expect(idn.value).toBe('xn--eckwd4c7c.example');
    const duplicate = await add(
      'analyst@mdr.example',
      { type: 'sha256', value: SHA.toLowerCase(), reason: 'again' },
      409,
    );
    expect(duplicate).toMatchObject({
      code: 'BLOCK_LIST_DUPLICATE',
      details: { existingId: hash.id },
    });
  });

  it.each([
    [{ type: 'sha1', value: 'abc', reason: 'x' }, 'value'],
    [{ type: 'md5', value: 'a'.repeat(32) }, 'reason'],
    [{ type: 'url', value: 'http://x', reason: 'x' }, 'type'],
    [{ type: 'file_path', value: 'evil.exe', reason: 'x' }, 'value'],
    [
      { type: 'domain', value: 'evil.example', reason: 'x', expiresAt: '2001-01-01T00:00:00Z' },
      'expiresAt',
    ],
    [
      {
        type: 'domain',
        value: 'evil.example',
        reason: 'x',
        sourceIncidentId: '00000000-0000-4000-8000-000000000000',
      },
      'sourceIncidentId',
    ],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const response = await add('analyst@mdr.example', body, 400);
    expect(response.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('lets customers read but not edit (403), and hides it from other tenants (404)', async () => {
    await t
      .http()
      .get(`/api/engagements/${sakura}/block-list`)
      .set('Authorization', await as('security@sakura.example'))
      .expect(200);
    await add('security@sakura.example', { type: 'domain', value: 'x.example', reason: 'x' }, 403);
    await add('am@mdr.example', { type: 'domain', value: 'x.example', reason: 'x' }, 403);
    for (const path of ['block-list', 'block-list.csv', 'block-list.json']) {
      await t
        .http()
        .get(`/api/engagements/${sakura}/${path}`)
        .set('Authorization', await as('security@northwind.example'))
        .expect(404);
    }
    await t
      .http()
      .post(`/api/engagements/${sakura}/block-list`)
      .set('Authorization', await as('security@northwind.example'))
      .send({ type: 'domain', value: 'x.example', reason: 'x' })
      .expect(404);
    const northwindList = await t
      .http()
      .get(`/api/engagements/${northwind}/block-list`)
      .set('Authorization', await as('security@northwind.example'))
      .expect(200);
    expect(northwindList.body.items).toEqual([]);
  });

  it('exports only unexpired entries, in a stable order, CSV-injection safe', async () => {
    await add(
      'analyst@mdr.example',
      { type: 'file_path', value: 'C:/Users/Public/run.exe', reason: '=HYPERLINK("http://x")' },
      201,
    );
    await add(
      'analyst@mdr.example',
      { type: 'ip', value: '203.0.113.9', reason: 'C2', expiresAt: '2099-01-01T00:00:00Z' },
      201,
    );
    const gone = await add(
      'analyst@mdr.example',
      { type: 'domain', value: 'old.example', reason: 'retired' },
      201,
    );
    const expired = await t
      .http()
      .post(`/api/engagements/${sakura}/block-list/${gone.id}/expire`)
      .set('Authorization', await as('analyst@mdr.example'))
      .expect(200);
    expect(expired.body.active).toBe(false);
    await t
      .http()
      .post(`/api/engagements/${sakura}/block-list/${gone.id}/expire`)
      .set('Authorization', await as('security@sakura.example'))
      .expect(403);

    const csv = await t
      .http()
      .get(`/api/engagements/${sakura}/block-list.csv`)
      .set('Authorization', await as('it-jp@sakura.example'))
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.text).toBe(
      'type,value,reason,expires_at\r\n' +
        '"domain","xn--eckwd4c7c.example","phishing",""\r\n' +
        '"file_path","C:\\Users\\Public\\run.exe","\'=HYPERLINK(""http://x"")",""\r\n' +
        '"ip","203.0.113.9","C2","2099-01-01T00:00:00.000Z"\r\n' +
        `"sha256","${SHA.toLowerCase()}","LockBit dropper",""\r\n`,
    );
    const json = await t
      .http()
      .get(`/api/engagements/${sakura}/block-list.json`)
      .set('Authorization', await as('security@sakura.example'))
      .expect(200);
    expect(json.body.count).toBe(4);
    expect(
      json.body.entries.map((e: { type: string; value: string }) => `${e.type}:${e.value}`),
    ).toEqual([
      'domain:xn--eckwd4c7c.example',
      'file_path:C:\\Users\\Public\\run.exe',
      'ip:203.0.113.9',
      `sha256:${SHA.toLowerCase()}`,
    ]);
    expect(json.body.entries[1].reason).toBe('=HYPERLINK("http://x")');
    // An expired IOC can be added again.
    await add(
      'analyst@mdr.example',
      { type: 'domain', value: 'OLD.example', reason: 'back again' },
      201,
    );
  });

  it('audits additions and expiries', async () => {
    const rows: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_record WHERE engagement_id = $1 AND action LIKE 'block_list.%' ORDER BY seq`,
      [sakura],
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['block_list.entry_added', 'block_list.entry_expired']),
    );
  });
});
