// `npm run build` after tsc: what it copies beside the compiled code, on a folder of its own.
import {
  mkdtempSync,
  mkdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { copyChangedAssets } = require('../../scripts/copy-changed-assets.cjs') as {
  copyChangedAssets(from: string, to: string): void;
};

describe('the build’s copy of files tsc does not refresh', () => {
  let root: string;
  let source: string;
  let dist: string;
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'build-assets-'));
    source = join(root, 'libs');
    dist = join(root, 'dist', 'libs');
    mkdirSync(join(source, 'messages'), { recursive: true });
    mkdirSync(join(dist, 'messages'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('refreshes an emitted catalog whose source changed since (tsc -b judges by the .ts files only)', () => {
    writeFileSync(join(dist, 'messages', 'en.json'), '{"stale": "old words"}');
    at(join(dist, 'messages', 'en.json'), 1_000);
    writeFileSync(join(source, 'messages', 'en.json'), '{"stale": "new words"}');
    at(join(source, 'messages', 'en.json'), 2_000);
    copyChangedAssets(source, dist);
    expect(readFileSync(join(dist, 'messages', 'en.json'), 'utf8')).toBe('{"stale": "new words"}');
  });

  it('leaves an emitted file newer than its source, and copies no JSON tsc did not emit', () => {
    writeFileSync(join(dist, 'messages', 'ja.json'), '{"emitted": true}');
    at(join(dist, 'messages', 'ja.json'), 3_000);
    writeFileSync(join(source, 'messages', 'ja.json'), '{"emitted": false}');
    at(join(source, 'messages', 'ja.json'), 2_000);
    writeFileSync(join(source, 'fixture.json'), '{}');
    copyChangedAssets(source, dist);
    expect(readFileSync(join(dist, 'messages', 'ja.json'), 'utf8')).toBe('{"emitted": true}');
    expect(existsSync(join(dist, 'fixture.json'))).toBe(false);
  });

  it('copies a CommonJS file tsc does not emit, into a folder it makes', () => {
    mkdirSync(join(source, 'worker'));
    writeFileSync(join(source, 'worker', 'thread.cjs'), 'module.exports = 1;');
    copyChangedAssets(source, dist);
    expect(readFileSync(join(dist, 'worker', 'thread.cjs'), 'utf8')).toBe('module.exports = 1;');
  });
});
