import { createHash } from 'node:crypto';
import { LetterInput, SignatureDocuments } from './signature-documents';

const INPUT: LetterInput = {
  language: 'en',
  customerName: 'Sakura <Manufacturing>',
  providerName: 'Example MDR',
  engagementName: 'Sakura MDR',
  edrProduct: 'example-edr',
  edrTenant: 'sakura.console.example-edr.com',
};

describe('the authorisation letter', () => {
  const documents = new SignatureDocuments();

  it('hashes the exact HTML it returns', () => {
    const letter = documents.renderLetter(INPUT);
    expect(letter.sha256).toBe(createHash('sha256').update(letter.html, 'utf8').digest('hex'));
  });

  it('renders the same bytes for the same engagement, every time and in every instance', () => {
    const again = new SignatureDocuments();
    expect(again.renderLetter(INPUT)).toEqual(documents.renderLetter(INPUT));
  });

  it.each<[string, Partial<LetterInput>]>([
    ['the tenant', { edrTenant: 'other.console.example-edr.com' }],
    ['the product', { edrProduct: 'other-edr' }],
    ['the provider', { providerName: 'Other MDR' }],
    ['the customer', { customerName: 'Other Corp' }],
    ['the language', { language: 'ja' }],
  ])('changes its hash when %s changes', (_name, change) => {
    expect(documents.renderLetter({ ...INPUT, ...change }).sha256).not.toBe(
      documents.renderLetter(INPUT).sha256,
    );
  });

  it.each([
    ['en', 'Authorisation to manage the EDR console tenant'],
    ['ja', 'EDRコンソールテナントの管理委任書'],
    ['zh', 'EDR控制台租户管理授权书'],
  ] as const)('names the parties, product, tenant and scope in %s, escaped', (language, title) => {
    const { html } = documents.renderLetter({ ...INPUT, language });
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain('Sakura &lt;Manufacturing&gt;');
    expect(html).not.toContain('<Manufacturing>');
    for (const text of ['Example MDR', 'example-edr', 'sakura.console.example-edr.com'])
      expect(html).toContain(text);
    expect(html.match(/<li>/g)?.length).toBe(6);
  });
});
