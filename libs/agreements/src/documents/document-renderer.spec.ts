import { createHash } from 'node:crypto';
import { pdfText, squash } from '../../../../test/agreements/support/pdf-text';
import { sampleAgreement } from '../../../../test/agreements/support/fixtures';
import { readAgreementContent } from '../domain/agreement-content';
import { defaultRunbook } from '../domain/default-runbooks';
import { DocumentRenderer } from './document-renderer';
import { htmlToBlocks } from '@app/platform/documents/html-blocks';
import { PdfWriter } from '@app/platform/documents/pdf-writer';

const parties = {
  engagementName: 'Sakura Manufacturing MDR',
  customerName: 'Sakura <Manufacturing> & Co',
  providerName: 'Example MDR',
};

describe('document rendering', () => {
  const renderer = new DocumentRenderer();
  const agreement = readAgreementContent(sampleAgreement()).value!;

  it('renders the same HTML and SHA-256 for the same version, and hashes the UTF-8 HTML', () => {
    const a = renderer.renderAgreement(agreement, 1, 'ja', parties);
    const b = renderer.renderAgreement(agreement, 1, 'ja', parties);
    expect(a).toEqual(b);
    expect(a.sha256).toBe(createHash('sha256').update(Buffer.from(a.html, 'utf8')).digest('hex'));
    expect(renderer.renderAgreement(agreement, 2, 'ja', parties).sha256).not.toBe(a.sha256);
    expect(a.html).toContain('<html lang="ja">');
    expect(a.html).toContain('Sakura &lt;Manufacturing&gt; &amp; Co');
  });

  it('renders the agreement in each language', () => {
    expect(renderer.renderAgreement(agreement, 1, 'ja', parties).html).toContain(
      'MDR サービス契約書',
    );
    expect(renderer.renderAgreement(agreement, 1, 'en', parties).html).toContain(
      'MDR Service Agreement',
    );
    expect(renderer.renderAgreement(agreement, 1, 'zh', parties).html).toContain('MDR 服务协议');
  });

  it('carries 平時運用 and 有事運用 in the Japanese runbooks, with the agreement modes in the incident one', () => {
    const peacetime = renderer.renderRunbook(
      'peacetime_runbook',
      defaultRunbook('peacetime_runbook', 'ja'),
      1,
      'ja',
      parties,
      { version: 1, content: agreement },
    );
    const incident = renderer.renderRunbook(
      'incident_runbook',
      defaultRunbook('incident_runbook', 'ja'),
      1,
      'ja',
      parties,
      { version: 1, content: agreement },
    );
    expect(peacetime.html).toContain('<h2>平時運用</h2>');
    expect(incident.html).toContain('<h2>有事運用</h2>');
    expect(incident.html).toContain('推奨のみ');
    expect(incident.html).toContain('協議 (回答期限: 30 分, 回答がない場合: 措置を実施)');
    expect(incident.html).toContain('佐藤 花子');
  });

  it('keeps the language section hash when only other sections change', () => {
    const changed = readAgreementContent({
      ...sampleAgreement(),
      minimumTuningPeriodDays: 60,
    }).value!;
    expect(renderer.renderLanguageSection(changed, 'ja').sha256).toBe(
      renderer.renderLanguageSection(agreement, 'ja').sha256,
    );
    const otherLanguage = readAgreementContent({
      ...sampleAgreement(),
      communication: { primaryLanguage: 'en', otherLanguages: [], channels: ['email'] },
    }).value!;
    expect(renderer.renderLanguageSection(otherLanguage, 'ja').sha256).not.toBe(
      renderer.renderLanguageSection(agreement, 'ja').sha256,
    );
  });

  it('reads its own HTML back into blocks', () => {
    const blocks = htmlToBlocks(renderer.renderAgreement(agreement, 3, 'en', parties).html);
    expect(blocks[0]).toEqual({ type: 'heading', level: 1, text: 'MDR Service Agreement' });
    const meta = blocks[1];
    expect(meta.type === 'table' && meta.rows[0]).toEqual([
      { text: 'Customer', header: true },
      { text: 'Sakura <Manufacturing> & Co', header: false },
    ]);
    expect(
      blocks.some((b) => b.type === 'heading' && b.text === 'Escalation contacts (in order)'),
    ).toBe(true);
  });

  it('draws a PDF whose text is the document text, Japanese included', async () => {
    const html = renderer.renderRunbook(
      'incident_runbook',
      defaultRunbook('incident_runbook', 'ja'),
      2,
      'ja',
      parties,
      { version: 1, content: agreement },
    ).html;
    const pdf = await new PdfWriter().render(html, 'ja');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const parsed = await pdfText(pdf);
    expect(parsed.title).toBe('有事運用 手順書');
    const text = squash(parsed.text);
    expect(text).toContain(squash('有事運用'));
    expect(text).toContain(squash('重大度「緊急」の検知のトリアージ'));
    expect(text).toContain(squash('Sakura <Manufacturing> & Co'));
    expect(text).toContain('security@sakura.example');
  });
});
