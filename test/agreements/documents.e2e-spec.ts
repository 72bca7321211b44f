import { createHash } from 'node:crypto';
import { bearer, startTestApp, TestApp } from '../support/test-app';
import { Api, engagementIdOf, expectStatus, providerIdOf } from './support/agreements-driver';
import { northwindAgreement, sampleAgreement, sampleCatalogue } from './support/fixtures';
import { pdfText, squash } from './support/pdf-text';

const LEAD = 'lead@mdr.example';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('documents: HTML and PDF in the customer’s language, hashed, with runbooks', () => {
  let t: TestApp;
  let api: Api;
  const engagement: Record<'ja' | 'en' | 'zh', string> = { ja: '', en: '', zh: '' };

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    api = new Api(t);
    engagement.ja = await engagementIdOf(t, 'Sakura Manufacturing');
    engagement.en = await engagementIdOf(t, 'Northwind Retail');
    // A Chinese-speaking customer of the same provider, set up by its provider lead.
    const lead = await bearer(t, LEAD);
    const customer = expectStatus(
      await t
        .http()
        .post('/api/organisations')
        .set('Authorization', lead)
        .send({
          kind: 'customer',
          name: '长江精密制造',
          language: 'zh',
          emailDomains: ['changjiang.example'],
        }),
      201,
    ).body;
    engagement.zh = expectStatus(
      await t
        .http()
        .post('/api/engagements')
        .set('Authorization', lead)
        .send({ customerOrganisationId: customer.id, name: '长江精密制造 MDR' }),
      201,
    ).body.id;
    expectStatus(
      await api
        .as(LEAD)
        .put(`/api/providers/${await providerIdOf(t)}/catalogue`, sampleCatalogue()),
      200,
    );

    const zhAgreement = sampleAgreement();
    zhAgreement.communication = {
      primaryLanguage: 'zh',
      otherLanguages: ['en'],
      channels: ['phone', 'email'],
    };
    zhAgreement.escalationContacts = zhAgreement.escalationContacts.map((c: object, i: number) => ({
      ...c,
      email: `soc${i}@changjiang.example`,
    }));
    const agreements = { ja: sampleAgreement(), en: northwindAgreement(), zh: zhAgreement };
    for (const language of ['ja', 'en', 'zh'] as const) {
      const base = `/api/engagements/${engagement[language]}`;
      expectStatus(await api.as(LEAD).post(`${base}/agreement`, agreements[language]), 201);
      expectStatus(await api.as(LEAD).post(`${base}/agreement/versions/1/propose`), 200);
      for (const kind of ['peacetime', 'incident']) {
        expectStatus(await api.as(LEAD).post(`${base}/runbooks/${kind}`), 201);
        expectStatus(await api.as(LEAD).post(`${base}/runbooks/${kind}/versions/1/propose`), 200);
      }
    }
  });
  afterAll(() => t.close());

  const html = async (language: 'ja' | 'en' | 'zh', path: string): Promise<string> => {
    const response = expectStatus(
      await api
        .as(LEAD)
        .document(
          `/api/engagements/${engagement[language]}/${path}/versions/1/document?format=html`,
        ),
      200,
    );
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['x-document-sha256']).toBe(sha256(response.body));
    expect(response.headers['content-security-policy']).toMatch(
      /^default-src 'none'; style-src 'sha256-/,
    );
    return (response.body as Buffer).toString('utf8');
  };

  it('starts a new engagement’s runbooks from the default runbook in the customer’s language', async () => {
    const ja = expectStatus(
      await api.as(LEAD).get(`/api/engagements/${engagement.ja}/runbooks/peacetime`),
      200,
    ).body;
    expect(ja.current.content.title).toBe('平時運用 手順書');
    expect(ja.current.agreementVersion).toBe(1);
    expect(ja.currentAgreementVersion).toBe(1);
    const zh = expectStatus(
      await api.as(LEAD).get(`/api/engagements/${engagement.zh}/runbooks/incident`),
      200,
    ).body;
    expect(zh.current.content.steps[0].title).toBe('“严重”级别检测的分诊');
    const en = expectStatus(
      await api.as(LEAD).get(`/api/engagements/${engagement.en}/runbooks/incident`),
      200,
    ).body;
    expect(en.current.content.title).toBe('Incident response runbook');
  });

  it('renders the Japanese documents with 平時運用 and 有事運用', async () => {
    const agreement = await html('ja', 'agreement');
    expect(agreement).toContain('<html lang="ja">');
    expect(agreement).toContain('<h1>MDR サービス契約書</h1>');
    expect(agreement).toContain('エスカレーション連絡先（連絡順）');
    const peacetime = await html('ja', 'runbooks/peacetime');
    expect(peacetime).toContain('<h2>平時運用</h2>');
    expect(peacetime).toContain('センサー稼働状況の日次確認');
    const incident = await html('ja', 'runbooks/incident');
    expect(incident).toContain('<h2>有事運用</h2>');
    // The response actions carry the agreement's authorisation modes.
    expect(incident).toContain('<tr><td>アカウントの無効化</td><td>推奨のみ</td>');
    expect(incident).toContain('協議 (回答期限: 30 分, 回答がない場合: 措置を実施)');
  });

  it('renders the English and Chinese documents', async () => {
    expect(await html('en', 'agreement')).toContain('<h1>MDR Service Agreement</h1>');
    expect(await html('en', 'runbooks/peacetime')).toContain('<h2>Peacetime operations</h2>');
    expect(await html('en', 'runbooks/incident')).toContain('Recommend only');
    const zh = await html('zh', 'agreement');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<h1>MDR 服务协议</h1>');
    expect(await html('zh', 'runbooks/peacetime')).toContain('<h2>日常运营</h2>');
    expect(await html('zh', 'runbooks/incident')).toContain('<h2>事件响应</h2>');
  });

  it('records the SHA-256 of the rendered HTML on every version', async () => {
    for (const path of ['agreement', 'runbooks/peacetime', 'runbooks/incident']) {
      const version = expectStatus(
        await api.as(LEAD).get(`/api/engagements/${engagement.ja}/${path}/versions/1`),
        200,
      ).body;
      const body = Buffer.from(await html('ja', path), 'utf8');
      expect(version.documentSha256).toBe(sha256(body));
      expect(version.links.html).toBe(
        `/api/engagements/${engagement.ja}/${path}/versions/1/document?format=html`,
      );
    }
  });

  it('serves a PDF that parses and carries the document’s text, Japanese included', async () => {
    const response = expectStatus(
      await api
        .as('security@sakura.example')
        .document(
          `/api/engagements/${engagement.ja}/runbooks/incident/versions/1/document?format=pdf`,
        ),
      200,
    );
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(
      'inline; filename="incident-runbook-v1-ja.pdf"',
    );
    const parsed = await pdfText(response.body as Buffer);
    expect(parsed.pages).toBeGreaterThan(1);
    expect(parsed.title).toBe('有事運用 手順書');
    const text = squash(parsed.text);
    for (const expected of [
      '有事運用',
      'Sakura Manufacturing',
      'Example MDR',
      '重大度別のトリアージ',
      'security@sakura.example',
      'アカウントの無効化',
      '推奨のみ',
    ]) {
      expect(text).toContain(squash(expected));
    }
  });

  it('serves English and Chinese PDFs with their text', async () => {
    const en = await pdfText(
      expectStatus(
        await api
          .as(LEAD)
          .document(`/api/engagements/${engagement.en}/agreement/versions/1/document?format=pdf`),
        200,
      ).body,
    );
    expect(squash(en.text)).toContain(squash('MDR Service Agreement'));
    expect(squash(en.text)).toContain(squash('Northwind Retail'));
    expect(squash(en.text)).toContain('security@northwind.example');
    const zh = await pdfText(
      expectStatus(
        await api
          .as(LEAD)
          .document(
            `/api/engagements/${engagement.zh}/runbooks/peacetime/versions/1/document?format=pdf`,
          ),
        200,
      ).body,
    );
    expect(squash(zh.text)).toContain(squash('日常运营'));
    expect(squash(zh.text)).toContain(squash('每日传感器健康检查'));
  });

  it('compares two runbook versions field by field', async () => {
    const base = `/api/engagements/${engagement.en}/runbooks/peacetime`;
    const v1 = expectStatus(await api.as(LEAD).get(`${base}/versions/1`), 200).body;
    const steps = v1.content.steps;
    steps[0].timing = 'Finished by 09:00 each business day';
    steps.splice(2, 0, { ...steps[2], key: 'weekly_threat_brief', title: 'Weekly threat brief' });
    expectStatus(
      await api.as(LEAD).patch(base, { title: 'Northwind peacetime runbook', steps }),
      200,
    );
    const compared = expectStatus(await api.as(LEAD).get(`${base}/compare?from=1&to=2`), 200).body;
    expect(compared.changes).toEqual([
      {
        path: 'title',
        before: 'Peacetime operations runbook',
        after: 'Northwind peacetime runbook',
      },
      {
        path: 'steps[key=daily_sensor_health_check].timing',
        before: 'Finished by 10:00 each business day',
        after: 'Finished by 09:00 each business day',
      },
      { path: 'steps[key=weekly_threat_brief]', before: null, after: steps[2] },
    ]);
  });

  it('refuses a format it does not know, naming the parameter', async () => {
    const response = await api
      .as(LEAD)
      .get(`/api/engagements/${engagement.en}/agreement/versions/1/document?format=docx`);
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('format');
  });
});
