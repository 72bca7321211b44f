import { loadConfig } from '@app/platform';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  JWT_SECRET_FILE,
  rememberedJwtSecret,
  rememberedSessionSecret,
  SESSION_SECRET_FILE,
} from './embedded-secrets';

describe('rememberedSessionSecret', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = join(mkdtempSync(join(tmpdir(), 'mdr-secret-')), 'data')));
  afterEach(() => rmSync(join(dataDir, '..'), { recursive: true, force: true }));

  it('keeps the first generated secret in the data folder (owner only) and uses it on later starts', async () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(await rememberedSessionSecret(first, {})).toBe(first.sessionSecret);
    const file = join(dataDir, SESSION_SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const restarted = loadConfig({ DATA_DIR: dataDir });
    expect(restarted.sessionSecret).not.toBe(first.sessionSecret);
    expect(await rememberedSessionSecret(restarted, {})).toBe(first.sessionSecret);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.sessionSecret);
  });

  it('leaves a configured SESSION_SECRET and server mode alone', async () => {
    const given = 'g'.repeat(40);
    expect(
      await rememberedSessionSecret(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: given }), {
        SESSION_SECRET: given,
      }),
    ).toBe(given);
    const server = {
      DATABASE_URL: 'postgres://u@h/db',
      REDIS_URL: 'redis://h',
      JWT_SECRET: 'j'.repeat(32),
      SESSION_SECRET: 's'.repeat(32),
      DATA_DIR: dataDir,
    };
    expect(await rememberedSessionSecret(loadConfig(server), server)).toBe('s'.repeat(32));
    expect(() => statSync(join(dataDir, SESSION_SECRET_FILE))).toThrow();
  });

  it('refuses a remembered secret that is too short, naming SESSION_SECRET', async () => {
    await rememberedSessionSecret(loadConfig({ DATA_DIR: dataDir }), {});
    writeFileSync(join(dataDir, SESSION_SECRET_FILE), 'short\n');
    await expect(rememberedSessionSecret(loadConfig({ DATA_DIR: dataDir }), {})).rejects.toThrow(
      /SESSION_SECRET is unset/,
    );
  });

  it("keeps the bearer tokens' generated key beside it, apart from the session secret", async () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(await rememberedJwtSecret(first, {})).toBe(first.jwtSecret);
    const file = join(dataDir, JWT_SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const restarted = loadConfig({ DATA_DIR: dataDir });
    expect(restarted.jwtSecret).not.toBe(first.jwtSecret);
    expect(await rememberedJwtSecret(restarted, {})).toBe(first.jwtSecret);
    expect(await rememberedSessionSecret(restarted, {})).not.toBe(first.jwtSecret);
  });

  it('leaves a configured JWT_SECRET and server mode alone; refuses a remembered key that is too short', async () => {
    const given = 'j'.repeat(40);
    expect(
      await rememberedJwtSecret(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: given }), {
        JWT_SECRET: given,
      }),
    ).toBe(given);
    const server = {
      DATABASE_URL: 'postgres://u@h/db',
      REDIS_URL: 'redis://h',
      JWT_SECRET: 'j'.repeat(32),
      SESSION_SECRET: 's'.repeat(32),
      DATA_DIR: dataDir,
    };
    expect(await rememberedJwtSecret(loadConfig(server), server)).toBe('j'.repeat(32));
    expect(() => statSync(join(dataDir, JWT_SECRET_FILE))).toThrow();
    expect(() => loadConfig({ ...server, JWT_SECRET: '' })).toThrow(
      /JWT_SECRET is required in server mode/,
    );
    await rememberedJwtSecret(loadConfig({ DATA_DIR: dataDir }), {});
    writeFileSync(join(dataDir, JWT_SECRET_FILE), 'short\n');
    await expect(rememberedJwtSecret(loadConfig({ DATA_DIR: dataDir }), {})).rejects.toThrow(
      /JWT_SECRET is unset/,
    );
  });
});
