import { AppConfig, ConfigError } from '@app/platform';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_USERS } from './demo-data';

export interface DemoPassword {
  value: string;
  source: 'DEMO_PASSWORD' | 'generated' | 'remembered';
}

/** Why the password policy refuses a demo password; null when it is fine. */
export type DemoPasswordCheck = (password: string) => string | null;

/** 96 random bits, written in 16 characters; one the policy refuses (vanishingly rare) is drawn again. */
function generated(check: DemoPasswordCheck): string {
  for (;;) {
    const value = randomBytes(12).toString('base64url');
    if (check(value) === null) return value;
  }
}

/**
 * DEMO_PASSWORD when set (it must pass the password policy like any password); otherwise a
 * generated one, remembered in the embedded data folder (readable by its owner only) so a
 * restarted demo can still tell a person how to log in.
 */
export async function demoPassword(
  config: AppConfig,
  check: DemoPasswordCheck,
): Promise<DemoPassword> {
  if (config.demoPassword) {
    const problem = check(config.demoPassword);
    if (problem)
      throw new ConfigError('DEMO_PASSWORD', `is refused by the password policy: it ${problem}`);
    return { value: config.demoPassword, source: 'DEMO_PASSWORD' };
  }
  if (config.mode !== 'embedded') return { value: generated(check), source: 'generated' };
  const file = join(config.dataDir, 'demo-password.txt');
  try {
    return { value: (await readFile(file, 'utf8')).trim(), source: 'remembered' };
  } catch {
    const value = generated(check);
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    await writeFile(file, `${value}\n`, { mode: 0o600 });
    return { value, source: 'generated' };
  }
}

/** What the scenario adds to the banner: how long it took to seed, and what waits on whom. */
export interface ScenarioBanner {
  seeded: boolean;
  tookMs: number;
  hints: string[];
}

export function printDemoBanner(
  config: AppConfig,
  seeded: boolean,
  password: DemoPassword,
  scenario: ScenarioBanner | null = null,
): void {
  const lines = [
    '',
    '==================== MDR onboarding portal ====================',
    `Open ${config.publicUrl}/login`,
    seeded ? 'Demo data seeded. Log in as any of:' : 'Demo data already present. Logins:',
    ...DEMO_USERS.map(
      (u) => `  ${u.email.padEnd(30)} ${u.role}${u.countryCode ? ` (${u.countryCode})` : ''}`,
    ),
    seeded || password.source !== 'generated'
      ? `Password for all: ${password.value}${password.source === 'DEMO_PASSWORD' ? ' (from DEMO_PASSWORD)' : ''}`
      : 'Password: the one printed at the first start (set DEMO_PASSWORD to choose your own)',
    config.mode === 'embedded' ? `Dev mailbox: ${config.publicUrl}/mailbox` : '',
    ...(scenario ? scenarioLines(scenario) : []),
    `API docs: ${config.publicUrl}/docs`,
    '===============================================================',
    '',
  ];
  console.log(lines.filter((line) => line !== '').join('\n'));
}

function scenarioLines(scenario: ScenarioBanner): string[] {
  return [
    scenario.seeded
      ? `Scenario seeded in ${(scenario.tookMs / 1000).toFixed(1)} s: Sakura Manufacturing onboarding, Northwind Retail in service.`
      : 'Scenario: Sakura Manufacturing onboarding, Northwind Retail in service.',
    ...(scenario.hints.length > 0
      ? ['Try first:', ...scenario.hints.map((hint) => `  ${hint}`)]
      : []),
  ];
}
