import { checkRecipients } from './recipients';

const DOMAINS = ['sakura.example', 'sakura-group.example'];

describe('checkRecipients', () => {
  it.each<[string, string[], string[], string[]]>([
    [
      'addresses in the declared domains',
      ['security@sakura.example', 'IT@Sakura-Group.example'],
      ['security@sakura.example', 'it@sakura-group.example'],
      [],
    ],
    ['a repeat is sent once', ['a@sakura.example', 'A@sakura.example'], ['a@sakura.example'], []],
    [
      'a foreign address names its index',
      ['a@sakura.example', 'x@evil.example'],
      ['a@sakura.example'],
      ['recipients[1]'],
    ],
    ['a subdomain is not the domain', ['a@mail.sakura.example'], [], ['recipients[0]']],
    ['a look-alike suffix', ['a@sakura.example.evil'], [], ['recipients[0]']],
    ['not an address', ['sakura.example'], [], ['recipients[0]']],
    ['a display name is not an address', ['Sec <a@sakura.example>'], [], ['recipients[0]']],
    ['none', [], [], ['recipients']],
  ])('%s', (_name, input, recipients, fields) => {
    const result = checkRecipients(input, DOMAINS);
    expect(result.recipients).toEqual(recipients);
    expect(result.errors.map((e) => e.field)).toEqual(fields);
  });

  it('refuses more than ten addresses', () => {
    const many = Array.from({ length: 11 }, (_, i) => `u${i}@sakura.example`);
    expect(checkRecipients(many, DOMAINS).errors.map((e) => e.field)).toEqual(['recipients']);
  });
});
