// date-sensitive: the imported endpoints are classified against the support matrix as of today
import { Clock } from '@app/platform';
import { Api, expectStatus } from '../agreements/support/agreements-driver';
import { pdfText, squash } from '../agreements/support/pdf-text';
import {
  createSakuraOnboarding,
  drive,
  sakuraEngagementId,
  steps,
  StepJson,
  Tokens,
} from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { csv, upload } from '../rollout/support/inventory-csv';

const LEAD = 'lead@mdr.example';
const SECURITY = 'security@sakura.example';

/** What each language's document of the group design (version 2, one group's quarantine changed) says. */
const EXPECTED = {
  ja: {
    lang: 'ja',
    title: 'グループとポリシーの設計',
    words: [
      '承認済みの第1版からの変更点',
      'グループ「事務用PC」',
      '隔離',
      'いいえ',
      'はい',
      '変更',
      '本番',
      '検知',
      'すべての端末',
      'サーバー 2台目の理由',
      '2026年11月2日',
      '種別：サーバー',
    ],
  },
  en: {
    lang: 'en',
    title: 'Group and policy design',
    words: [
      'What changed since approved version 1',
      'Group “事務用PC”',
      'Quarantine',
      'Changed',
      'Production',
      'Detect',
      'type: Server',
      '2 November 2026',
      'サーバー 2台目の理由',
    ],
  },
  zh: {
    lang: 'zh-CN',
    title: '分组与策略设计',
    words: [
      '自已批准的第 1 版以来的变更',
      '分组“事務用PC”',
      '隔离',
      '变更',
      '生产',
      '检测',
      '类型：服务器',
      '2026年11月2日',
    ],
  },
} as const;

// Proposal documents through the real app: HTML and the PDF drawn from it, in Japanese, English
// and Chinese, with the changes since the last approval marked, and no JSON anywhere.
describe('proposal documents: the snapshot as a readable document in the reader’s language', () => {
  let t: TestApp;
  let api: Api;
  let tokens: Tokens;
  let onboardingId: string;
  let documentPath: string;
  let hash: string;

  const stepOf = async (key: string): Promise<StepJson> =>
    (await steps(t, tokens, onboardingId)).find((s) => s.key === key) as StepJson;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    tokens = api.tokens;
    const engagementId = await sakuraEngagementId(t, tokens);
    const base = `/api/engagements/${engagementId}`;
    onboardingId = await createSakuraOnboarding(t, tokens);
    await upload(
      t,
      await tokens.for('it-jp@sakura.example'),
      engagementId,
      csv([
        'tky-pc-001,client,windows,10.0.26100,,Tokyo,JP,,office',
        'tky-srv-001,server,windows,Windows Server 2022,,Tokyo,JP,,core',
      ]),
    ).expect(200);
    for (const key of [
      'endpoint_inventory',
      'existing_security_products',
      'unsupported_os_decisions',
      'existing_av_plan',
    ]) {
      await drive(t, tokens, onboardingId, await stepOf(key), engagementId);
    }
    expectStatus(
      await api
        .as(LEAD)
        .post(`${base}/groups`, { name: '事務用PC', kind: 'production', priority: 10, rule: {} }),
      201,
    );
    const servers = expectStatus(
      await api.as(LEAD).post(`${base}/groups`, {
        name: 'Servers',
        kind: 'production',
        priority: 5,
        rule: { type: ['server'] },
      }),
      201,
    );
    const steps = `/api/onboardings/${onboardingId}/steps/group_policy_design`;
    expectStatus(await api.as(LEAD).post(`${steps}/proposals`, {}), 201);
    expectStatus(await api.as(SECURITY).post(`${steps}/approve`, {}), 200);
    const groups = expectStatus(await api.as(LEAD).get(`${base}/groups`), 200).body.groups as {
      id: string;
      name: string;
    }[];
    const office = groups.find((g) => g.name === '事務用PC') as { id: string };
    expectStatus(
      await api.as(LEAD).put(`${base}/groups/${office.id}/policy`, {
        mode: 'detect',
        quarantine: true,
        updates: 'manual',
        maxConcurrentUpdates: 10,
      }),
      200,
    );
    const v2 = expectStatus(
      await api.as(LEAD).post(`${steps}/proposals`, { note: 'サーバー 2台目の理由: <b>none</b>' }),
      201,
    );
    expect(servers.body.id).toBeTruthy();
    documentPath = `${steps}/proposals/2/document`;
    hash = v2.body.proposal.hash;
  }, 60_000);
  afterAll(() => t.close());

  it.each(['ja', 'en', 'zh'] as const)(
    'renders the HTML in %s: tables, counts, dates, the changes marked, no JSON',
    async (language) => {
      const response = expectStatus(
        await api.as(SECURITY).document(`${documentPath}?format=html&language=${language}`),
        200,
      );
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['x-document-sha256']).toBe(hash);
      expect(response.headers['content-security-policy']).toMatch(
        /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/,
      );
      expect(response.headers['content-disposition']).toBe(
        `inline; filename="group-policy-design-v2-${language}.html"`,
      );
      const html = (response.body as Buffer).toString('utf8');
      const expected = EXPECTED[language];
      expect(html).toContain(`<html lang="${expected.lang}">`);
      expect(html).toContain(`<title>${expected.title}</title>`);
      for (const word of expected.words)
        expect({ language, word, found: html.includes(word) }).toEqual({
          language,
          word,
          found: true,
        });
      // The changed group's row is marked; the unchanged one is not.
      expect(html).toMatch(/<tr class="changed"><td>[^<]+<\/td><td>10<\/td><td>事務用PC<\/td>/);
      expect(html).toMatch(/<tr class=""><td><\/td><td>5<\/td><td>Servers<\/td>/);
      // The note is text, escaped; nothing is shown as JSON.
      expect(html).toContain('&lt;b&gt;none&lt;/b&gt;');
      expect(html).not.toMatch(/\{"|"configuration"|&quot;configuration/);
    },
  );

  it('renders in the reader’s language when none is asked for', async () => {
    const ja = expectStatus(await api.as(SECURITY).document(documentPath), 200);
    expect((ja.body as Buffer).toString('utf8')).toContain('<html lang="ja">');
    const en = expectStatus(await api.as(LEAD).document(documentPath), 200);
    expect((en.body as Buffer).toString('utf8')).toContain('<html lang="en">');
  });

  it.each(['ja', 'en', 'zh'] as const)(
    'draws the PDF in %s with the document’s text',
    async (language) => {
      const response = expectStatus(
        await api.as(SECURITY).document(`${documentPath}?format=pdf&language=${language}`),
        200,
      );
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(
        `inline; filename="group-policy-design-v2-${language}.pdf"`,
      );
      const parsed = await pdfText(response.body as Buffer);
      expect(parsed.title).toBe(EXPECTED[language].title);
      const text = squash(parsed.text);
      for (const word of [...EXPECTED[language].words, 'Servers', hash])
        expect({ language, word, found: text.includes(squash(word)) }).toEqual({
          language,
          word,
          found: true,
        });
    },
  );

  it('says version 1 was the first to approve, with nothing to compare', async () => {
    const first = expectStatus(
      await api.as(SECURITY).document(`${documentPath.replace('/2/', '/1/')}?language=en`),
      200,
    );
    const html = (first.body as Buffer).toString('utf8');
    expect(html).toContain(
      'Nothing has been approved before: this is the first version to approve.',
    );
    expect(html).toContain('Replaced by a newer version');
    expect(html).not.toContain('class="changed"');
  });

  it('shows a version written by hand before snapshots as such, never its JSON', async () => {
    const [lead] = await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [LEAD]);
    await t.dataSource.query(
      `INSERT INTO step_submission (onboarding_id, step_key, version, content, content_hash, submitted_by, submitted_at)
       VALUES ($1, 'static_block_list', 1, '{"text": "block evil.example"}', $2, $3, $4)`,
      [onboardingId, 'a'.repeat(64), lead.id, t.app.get(Clock).now()],
    );
    const html = (
      expectStatus(
        await api
          .as(SECURITY)
          .document(
            `/api/onboardings/${onboardingId}/steps/static_block_list/proposals/1/document?language=en`,
          ),
        200,
      ).body as Buffer
    ).toString('utf8');
    expect(html).toContain(
      'This version was written by hand before the portal took snapshots of the configuration; it cannot be approved.',
    );
    expect(html).not.toContain('evil.example');
  });

  it('refuses an unknown format or language, naming the parameter', async () => {
    const format = expectStatus(await api.as(SECURITY).get(`${documentPath}?format=docx`), 400);
    expect(format.body.details[0].field).toBe('format');
    const language = expectStatus(await api.as(SECURITY).get(`${documentPath}?language=fr`), 400);
    expect(language.body.details[0].field).toBe('language');
  });
});
