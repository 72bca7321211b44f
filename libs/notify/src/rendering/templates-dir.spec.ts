import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemplatesDir } from './templates-dir';

describe('resolveTemplatesDir', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'notify-templates-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the source templates from the source tree', () => {
    const dir = resolveTemplatesDir();
    expect(existsSync(join(dir, 'en', 'welcome-email.html.hbs'))).toBe(true);
  });

  it('finds the source tree from compiled code under dist/', () => {
    // A project root with package.json, the templates in source, and no copy in dist.
    writeFileSync(join(root, 'package.json'), '{}');
    const source = join(root, 'libs', 'notify', 'src', 'templates');
    mkdirSync(source, { recursive: true });
    writeFileSync(join(source, 'layout.html.hbs'), '');
    const compiled = join(root, 'dist', 'libs', 'notify', 'src', 'rendering');
    mkdirSync(compiled, { recursive: true });
    expect(resolveTemplatesDir(compiled)).toBe(source);
  });

  it('prefers templates copied beside the compiled code', () => {
    writeFileSync(join(root, 'package.json'), '{}');
    const copied = join(root, 'dist', 'libs', 'notify', 'src', 'templates');
    mkdirSync(copied, { recursive: true });
    writeFileSync(join(copied, 'layout.html.hbs'), '');
    const compiled = join(root, 'dist', 'libs', 'notify', 'src', 'rendering');
    mkdirSync(compiled, { recursive: true });
    expect(resolveTemplatesDir(compiled)).toBe(copied);
  });

  it('says where it looked when nothing is there', () => {
    const compiled = join(root, 'rendering');
    mkdirSync(compiled);
    expect(() => resolveTemplatesDir(compiled)).toThrow(/Mail templates not found; looked in/);
  });
});
