import { authorisationStatement, statementHash } from './authorisation-statement';
import { dnsChallengeValue, dnsRecordName, txtHolds } from './dns-challenge';

describe('DNS challenge', () => {
  it('derives a value per engagement secret and domain', () => {
    const a = dnsChallengeValue('secret-a', 'sakura.example');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(dnsChallengeValue('secret-a', 'SAKURA.example')).toBe(a);
    expect(dnsChallengeValue('secret-b', 'sakura.example')).not.toBe(a);
    expect(dnsChallengeValue('secret-a', 'other.example')).not.toBe(a);
    expect(dnsRecordName('Sakura.example')).toBe('_mdr-authorisation.sakura.example');
  });

  it.each<[string, string[][], boolean]>([
    ['the exact record', [['token=v1']], true],
    ['a record split in character strings', [['tok', 'en=v1']], true],
    ['among other records', [['v=spf1 -all'], ['token=v1']], true],
    ['another value', [['token=v2']], false],
    ['the bare value', [['v1']], false],
    ['no records', [], false],
  ])('%s', (_name, records, holds) => {
    expect(txtHolds(records, 'v1')).toBe(holds);
  });
});

describe('authorisation statement', () => {
  const subject = {
    customerName: 'Sakura',
    providerName: 'Example MDR',
    edrProduct: 'example-edr',
    edrTenant: 't1',
    domains: ['b.example', 'a.example'],
  };
  it('names provider, tenant, product and domains in each language, hashing its exact text', () => {
    for (const language of ['ja', 'en', 'zh'] as const) {
      const text = authorisationStatement(subject, language);
      for (const part of ['Sakura', 'Example MDR', 'example-edr', 't1', 'a.example, b.example'])
        expect(text).toContain(part);
      expect(statementHash(text)).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(statementHash(authorisationStatement({ ...subject, edrTenant: 't2' }, 'en'))).not.toBe(
      statementHash(authorisationStatement(subject, 'en')),
    );
  });
});
