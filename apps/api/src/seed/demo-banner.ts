import { AppConfig } from '@app/platform';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_USERS } from './demo-data';

export interface DemoPassword {
  value: string;
  source: 'DEMO_PASSWORD' | 'generated' | 'remembered';
}

/**
 * DEMO_PASSWORD when set; otherwise a generated one, remembered in the embedded data folder
 * (readable by its owner only) so a restarted demo can still tell a person how to log in.
 */
export async function demoPassword(config: AppConfig): Promise<DemoPassword> {
  if (config.demoPassword) return { value: config.demoPassword, source: 'DEMO_PASSWORD' };
  if (config.mode !== 'embedded') {
    return { value: randomBytes(12).toString('base64url'), source: 'generated' };
  }
  const file = join(config.dataDir, 'demo-password.txt');
  try {
    return { value: (await readFile(file, 'utf8')).trim(), source: 'remembered' };
  } catch {
    const value = randomBytes(12).toString('base64url');
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(file, `${value}\n`, { mode: 0o600 });
    return { value, source: 'generated' };
  }
}

export function printDemoBanner(config: AppConfig, seeded: boolean, password: DemoPassword): void {
  const lines = [
    '',
    '==================== MDR onboarding portal ====================',
    `Open ${config.publicUrl}/login`,
    seeded ? 'Demo data seeded. Log in as any of:' : 'Demo data already present. Logins:',
    ...DEMO_USERS.map((u) => `  ${u.email.padEnd(30)} ${u.role}${u.countryCode ? ` (${u.countryCode})` : ''}`),
    seeded || password.source !== 'generated'
      ? `Password for all: ${password.value}${password.source === 'DEMO_PASSWORD' ? ' (from DEMO_PASSWORD)' : ''}`
      : 'Password: the one printed at the first start (set DEMO_PASSWORD to choose your own)',
    config.mode === 'embedded' ? `Dev mailbox: ${config.publicUrl}/mailbox` : '',
    `API docs: ${config.publicUrl}/docs`,
    '===============================================================',
    '',
  ];
  console.log(lines.filter((line) => line !== '').join('\n'));
}
