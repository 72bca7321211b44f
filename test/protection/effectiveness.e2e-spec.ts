import { Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { engagementIdOf } from './support/protection-driver';

const HASH = 'c0ffee'.padEnd(64, '0');

describe('past incidents and the effectiveness report', () => {
  let t: TestApp;
  let tokens: Tokens;
  let sakura: string;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    tokens = new Tokens(t);
    sakura = await engagementIdOf(t, tokens, 'Sakura Manufacturing');
  });
  afterAll(() => t.close());

  const post = async (path: string, email: string, body: object, status: number) =>
    (
      await t
        .http()
        .post(`/api/engagements/${sakura}/${path}`)
        .set('Authorization', await tokens.for(email))
        .send(body)
        .expect(status)
    ).body;

  it('reports per incident whether the block list would have stopped it, and which IOC matched', async () => {
    const ransomware = await post(
      'past-incidents',
      'analyst@mdr.example',
      {
        title: 'LockBit 2024',
        occurredOn: '2024-06-01',
        description: 'Finance PCs encrypted',
        technique: 'ransomware via phishing attachment',
        indicators: [
          { type: 'sha256', value: HASH.toUpperCase() },
          { type: 'domain', value: 'c2.Evil.example' },
          { type: 'process_name', value: 'lockbit.exe' },
        ],
      },
      201,
    );
    expect(ransomware.indicators[0].value).toBe(HASH);
    await post(
      'past-incidents',
      'lead@mdr.example',
      {
        title: 'Miner on a Linux server',
        occurredOn: '2025-01-10',
        description: 'Crypto miner',
        technique: 'exposed SSH',
        indicators: [{ type: 'file_path', value: '/tmp/.x/Miner' }],
      },
      201,
    );
    await post(
      'past-incidents',
      'lead@mdr.example',
      {
        title: 'Living off the land',
        occurredOn: '2023-02-02',
        description: 'Only built-in tools',
        technique: 'credential theft with built-in tools',
        indicators: [{ type: 'command_line', value: 'rundll32 comsvcs.dll MiniDump' }],
      },
      201,
    );
    const entry = await post(
      'block-list',
      'analyst@mdr.example',
      { type: 'domain', value: 'evil.example', reason: 'C2', sourceIncidentId: ransomware.id },
      201,
    );
    await post(
      'block-list',
      'analyst@mdr.example',
      { type: 'file_path', value: '/tmp/.x/miner', reason: 'case differs: POSIX is exact' },
      201,
    );

    const report = await t
      .http()
      .get(`/api/engagements/${sakura}/effectiveness-report`)
      .set('Authorization', await tokens.for('security@sakura.example'))
      .expect(200);
    expect(report.body).toMatchObject({
      basis: 'block_list_and_policies',
      policies: { blocking: 'detect_only', endpointsInBlockMode: 0 },
      activeEntries: 2,
      summary: { stopped: 1, notStopped: 1, noBlockableIndicators: 1 },
    });
    expect(report.body.note).toMatch(/block list .* and the group policies/);
    const byTitle = new Map(report.body.incidents.map((i: { title: string }) => [i.title, i]));
    expect(byTitle.get('LockBit 2024')).toMatchObject({
      verdict: 'stopped',
      indicators: [
        { type: 'sha256', outcome: 'not_blocked', matchedEntryId: null },
        {
          type: 'domain',
          value: 'c2.evil.example',
          outcome: 'blocked',
          matchedEntryId: entry.id,
          matchedValue: 'evil.example',
        },
        { type: 'process_name', outcome: 'not_blockable' },
      ],
    });
    expect(byTitle.get('Miner on a Linux server')).toMatchObject({ verdict: 'not_stopped' });
    expect(byTitle.get('Living off the land')).toMatchObject({
      verdict: 'no_blockable_indicators',
    });
  });

  it('names the bad indicator field (400), refuses customers (403) and other tenants (404)', async () => {
    const bad = await post(
      'past-incidents',
      'analyst@mdr.example',
      {
        title: 'x',
        occurredOn: '2024-01-01',
        description: '',
        technique: 'x',
        indicators: [
          { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
          { type: 'md5', value: 'zz' },
        ],
      },
      400,
    );
    expect(bad.details).toEqual([
      { field: 'indicators[1].value', reason: expect.stringMatching(/hexadecimal/) },
    ]);
    const date = await post(
      'past-incidents',
      'analyst@mdr.example',
      { title: 'x', occurredOn: '2024-13-01', description: '', technique: 'x', indicators: [] },
      400,
    );
    expect(JSON.stringify(date.details)).toMatch(/occurredOn/);
    await post(
      'past-incidents',
      'security@sakura.example',
      { title: 'x', occurredOn: '2024-01-01', description: '', technique: 'x', indicators: [] },
      403,
    );
    for (const path of ['past-incidents', 'effectiveness-report']) {
      await t
        .http()
        .get(`/api/engagements/${sakura}/${path}`)
        .set('Authorization', await tokens.for('security@northwind.example'))
        .expect(404);
    }
    await t
      .http()
      .post(`/api/engagements/${sakura}/past-incidents`)
      .set('Authorization', await tokens.for('security@northwind.example'))
      .send({
        title: 'x',
        occurredOn: '2024-01-01',
        description: '',
        technique: 'x',
        indicators: [],
      })
      .expect(404);
  });
});
