import { AppConfig, ConfigError } from '@app/platform/config/app-config';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SESSION_SECRET_FILE = 'session-secret.txt';
export const JWT_SECRET_FILE = 'jwt-secret.txt';

/**
 * Embedded mode without SESSION_SECRET: the secret generated at the first start, remembered in
 * the data folder (readable by its owner only, like the demo password), so that what is derived
 * from it outlives a restart: portal sessions, signing-code hashes, and the incident webhook
 * secrets sealed under it (which would otherwise no longer open). Otherwise the configured one.
 */
export function rememberedSessionSecret(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return remembered(config, 'SESSION_SECRET', SESSION_SECRET_FILE, config.sessionSecret, env);
}

/** Likewise the bearer tokens' signing key (JWT_SECRET), so a token outlives a restart. */
export function rememberedJwtSecret(
  config: AppConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  return remembered(config, 'JWT_SECRET', JWT_SECRET_FILE, config.jwtSecret, env);
}

async function remembered(
  config: AppConfig,
  name: string,
  fileName: string,
  generated: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  if (config.mode !== 'embedded' || (env[name] ?? '') !== '') return generated;
  const file = join(config.dataDir, fileName);
  await mkdir(config.dataDir, { recursive: true });
  try {
    await writeFile(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    return generated;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const value = (await readFile(file, 'utf8')).trim();
  if (value.length < 32)
    throw new ConfigError(
      name,
      `is unset and ${file} holds no usable secret (at least 32 characters)`,
    );
  return value;
}
