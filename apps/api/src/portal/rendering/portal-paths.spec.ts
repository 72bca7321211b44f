import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePortalPaths } from './portal-paths';

describe('resolvePortalPaths', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'portal-paths-'));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the views and public folders from the source tree', () => {
    const paths = resolvePortalPaths();
    expect(existsSync(join(paths.views, 'layouts', 'main.hbs'))).toBe(true);
    expect(existsSync(join(paths.public, 'portal.css'))).toBe(true);
  });

  it('finds the source folders from compiled code under dist/', () => {
    writeFileSync(join(root, 'package.json'), '{}');
    mkdirSync(join(root, 'apps', 'api', 'views', 'layouts'), { recursive: true });
    writeFileSync(join(root, 'apps', 'api', 'views', 'layouts', 'main.hbs'), '');
    const compiled = join(root, 'dist', 'apps', 'api', 'src', 'portal', 'rendering');
    mkdirSync(compiled, { recursive: true });
    expect(resolvePortalPaths(compiled)).toEqual({
      views: join(root, 'apps', 'api', 'views'),
      public: join(root, 'apps', 'api', 'public'),
    });
  });

  it('says what is missing', () => {
    writeFileSync(join(root, 'package.json'), '{}');
    expect(() => resolvePortalPaths(root)).toThrow(
      /Portal views not found: .*main\.hbs is missing/,
    );
  });
});
