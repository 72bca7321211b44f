import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/app-config';
import { ensurePrivateDataDir, makePrivate } from './private-data-dir';

describe('a private DATA_DIR', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mdr-private-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is created 0700 when missing, and passes when everything in it is the owner’s alone', async () => {
    const dataDir = join(root, 'data');
    await ensurePrivateDataDir(dataDir);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    writeFileSync(join(dataDir, 'secret.txt'), 'x', { mode: 0o600 });
    await expect(ensurePrivateDataDir(dataDir)).resolves.toBeUndefined();
  });

  it('refuses, naming DATA_DIR, what is open and the fix, when a file or folder is open to others', async () => {
    mkdirSync(join(root, 'pgdata', 'global'), { recursive: true, mode: 0o700 });
    chmodSync(join(root, 'pgdata'), 0o700);
    chmodSync(join(root, 'pgdata', 'global'), 0o755);
    writeFileSync(join(root, 'pgdata', 'global', 'pg_control'), 'x');
    chmodSync(join(root, 'pgdata', 'global', 'pg_control'), 0o666);
    const refusal = ensurePrivateDataDir(root);
    await expect(refusal).rejects.toThrow(ConfigError);
    await expect(ensurePrivateDataDir(root)).rejects.toThrow(
      /DATA_DIR .*2 entries are open to others.*pgdata\/global \(mode 0755\), pgdata\/global\/pg_control \(mode 0666\).*chmod -R go-rwx/,
    );
  });

  it('makePrivate takes group and other permissions away, keeping the owner’s', async () => {
    writeFileSync(join(root, 'a'), 'x');
    chmodSync(join(root, 'a'), 0o666);
    mkdirSync(join(root, 'd'));
    chmodSync(join(root, 'd'), 0o777);
    await makePrivate(root);
    expect(statSync(join(root, 'a')).mode & 0o777).toBe(0o600);
    expect(statSync(join(root, 'd')).mode & 0o777).toBe(0o700);
    await expect(ensurePrivateDataDir(root)).resolves.toBeUndefined();
  });
});
