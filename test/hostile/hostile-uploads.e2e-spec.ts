import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { sakuraEngagementId, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';

const HEADER = 'hostname,type,os_family,os_version,kernel,site,country,existing_product,tags\n';

/** A minimal zip archive holding one deflated member: small on the wire, huge when unpacked. */
function zipBomb(): Buffer {
  const data = deflateRawSync(Buffer.alloc(20 * 1024 * 1024, 0));
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(8, 8); // deflate
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(20 * 1024 * 1024, 22);
  header.writeUInt16LE(8, 26);
  return Buffer.concat([header, Buffer.from('bomb.csv'), data]);
}

/** Uploads that must be refused cleanly: a 4xx in the standard body, nothing imported. */
describe('hostile uploads to the inventory import', () => {
  let t: TestApp;
  let url: string;
  let lead: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true, env: { IMPORT_MAX_BYTES: String(1024 * 1024) } });
    const tokens = new Tokens(t);
    lead = await tokens.for('lead@mdr.example');
    url = `/api/engagements/${await sakuraEngagementId(t, tokens)}/endpoints/import`;
  });
  afterAll(() => t.close());

  const upload = (content: Buffer, filename: string) =>
    t
      .http()
      .post(url)
      .set('Authorization', lead)
      .attach('file', content, { filename, contentType: 'application/octet-stream' });

  const expectNothingImported = async (): Promise<void> => {
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM endpoint'))[0].n).toBe(0);
  };

  it.each([
    [
      'a file over IMPORT_MAX_BYTES',
      () =>
        Buffer.concat([
          Buffer.from(HEADER),
          Buffer.alloc(2 * 1024 * 1024, 'a,client,windows,10,,Tokyo,JP,,\n'),
        ]),
      'huge.csv',
      413,
    ],
    ['binary noise', () => randomBytes(200_000), 'noise.csv', 400],
    ['a zip bomb-like archive', zipBomb, 'inventory.zip', 400],
    ['one endless line without a line break', () => Buffer.alloc(900_000, 'x'), 'line.csv', 400],
    ['a NUL-filled file', () => Buffer.alloc(100_000, 0), 'nul.csv', 400],
  ])('refuses %s', async (_name, content, filename, status) => {
    const response = await upload(content(), filename);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({
      statusCode: status,
      code: expect.any(String),
      message: expect.any(String),
    });
    await expectNothingImported();
  });

  it('still imports a good file afterwards (the refusals left nothing behind)', async () => {
    const good = Buffer.from(`${HEADER}pc-001,client,windows,10.0.19045,,Tokyo,JP,,\n`);
    const response = await upload(good, 'good.csv');
    expect(response.status).toBe(200);
    expect(
      (await t.dataSource.query('SELECT hostname FROM endpoint')).map(
        (r: { hostname: string }) => r.hostname,
      ),
    ).toEqual(['pc-001']);
  });
});
