import { AppConfig, ConfigError } from '@app/platform';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SESSION_SECRET_FILE = 'session-secret.txt';

/**
 * Embedded mode without SESSION_SECRET: the secret generated at the first start, remembered in
 * the data folder (readable by its owner only, like the demo password), so that what is derived
 * from it outlives a restart: portal sessions, signing-code hashes, and the incident webhook
 * secrets sealed under it (which would otherwise no longer open). Otherwise the configured one.
 */
export async function rememberedSessionSecret(config: AppConfig, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (config.mode !== 'embedded' || (env.SESSION_SECRET ?? '') !== '') return config.sessionSecret;
  const file = join(config.dataDir, SESSION_SECRET_FILE);
  await mkdir(config.dataDir, { recursive: true });
  try {
    await writeFile(file, `${config.sessionSecret}\n`, { mode: 0o600, flag: 'wx' });
    return config.sessionSecret;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const remembered = (await readFile(file, 'utf8')).trim();
  if (remembered.length < 32) throw new ConfigError('SESSION_SECRET', `is unset and ${file} holds no usable secret (at least 32 characters)`);
  return remembered;
}
