import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The stylesheet is shared by every feature: a lost brace would silently swallow the rules after it. */
describe('portal.css', () => {
  const css = readFileSync(
    join(__dirname, '..', '..', '..', 'public', 'portal.css'),
    'utf8',
  ).replace(/\/\*[\s\S]*?\*\//g, '');

  it('closes every block, and nests rules only inside at-rules', () => {
    const open: string[] = [];
    const problems: string[] = [];
    let selector = '';
    for (const ch of css) {
      if (ch === '{') {
        if (open.length > 0 && !open[0].startsWith('@'))
          problems.push(`"${selector.trim()}" is nested in "${open[0]}"`);
        open.push(selector.trim());
        selector = '';
      } else if (ch === '}') {
        if (open.pop() === undefined) problems.push('a } closes nothing');
        selector = '';
      } else if (ch === ';') {
        selector = '';
      } else {
        selector += ch;
      }
    }
    expect(problems).toEqual([]);
    expect(open).toEqual([]);
  });
});
