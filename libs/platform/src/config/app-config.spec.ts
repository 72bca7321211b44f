import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to embedded mode with no variables', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'embedded',
      port: 3000,
      dataDir: './data',
      seedDemo: true,
      smtpUrl: null,
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('uses server mode when DATABASE_URL and REDIS_URL are set, and demands real secrets', () => {
    const env = { DATABASE_URL: 'postgres://u@h/db', REDIS_URL: 'redis://h:6379' };
    expect(() => loadConfig(env)).toThrow(/JWT_SECRET is required/);
    const config = loadConfig({
      ...env,
      JWT_SECRET: 'a'.repeat(32),
      SESSION_SECRET: 'b'.repeat(32),
    });
    expect(config).toMatchObject({
      mode: 'server',
      seedDemo: false,
      databaseUrl: 'postgres://u@h/db',
    });
  });

  it('reads SEED_DEMO: the scenario by default in embedded mode, users or the scenario on request in server mode', () => {
    expect(loadConfig({})).toMatchObject({ seedDemo: true, seedScenario: true });
    expect(loadConfig({ SEED_DEMO: 'users' })).toMatchObject({
      seedDemo: true,
      seedScenario: false,
    });
    expect(loadConfig({ SEED_DEMO: 'true' })).toMatchObject({
      seedDemo: true,
      seedScenario: false,
    });
    expect(loadConfig({ SEED_DEMO: 'false' })).toMatchObject({
      seedDemo: false,
      seedScenario: false,
    });
    const server = {
      DATABASE_URL: 'postgres://u@h/db',
      REDIS_URL: 'redis://h:6379',
      JWT_SECRET: 'a'.repeat(32),
      SESSION_SECRET: 'b'.repeat(32),
    };
    expect(loadConfig({ ...server, SEED_DEMO: 'scenario' })).toMatchObject({
      seedDemo: true,
      seedScenario: true,
    });
    expect(() => loadConfig({ SEED_DEMO: 'everything' })).toThrow(
      /SEED_DEMO must be scenario, users, true or false/,
    );
  });

  it('reads MFA_REQUIRED_FOR_PROVIDER: on in server mode, off in the embedded demo and where the demo people are seeded, unless set', () => {
    const server = {
      DATABASE_URL: 'postgres://u@h/db',
      REDIS_URL: 'redis://h:6379',
      JWT_SECRET: 'a'.repeat(32),
      SESSION_SECRET: 'b'.repeat(32),
    };
    expect(loadConfig(server).mfaRequiredForProvider).toBe(true);
    expect(loadConfig({ ...server, SEED_DEMO: 'users' }).mfaRequiredForProvider).toBe(false);
    expect(
      loadConfig({ ...server, MFA_REQUIRED_FOR_PROVIDER: 'false' }).mfaRequiredForProvider,
    ).toBe(false);
    expect(loadConfig({}).mfaRequiredForProvider).toBe(false);
    expect(
      loadConfig({ SEED_DEMO: 'users', MFA_REQUIRED_FOR_PROVIDER: 'true' }).mfaRequiredForProvider,
    ).toBe(true);
    expect(() => loadConfig({ MFA_REQUIRED_FOR_PROVIDER: 'true' })).toThrow(
      /MFA_REQUIRED_FOR_PROVIDER must be false when SEED_DEMO=scenario/,
    );
    expect(() => loadConfig({ MFA_REQUIRED_FOR_PROVIDER: 'yes' })).toThrow(
      /MFA_REQUIRED_FOR_PROVIDER must be true or false/,
    );
  });

  it('reads WEBHOOK_ALLOWED_PRIVATE_HOSTS as hosts in the form a parsed URL gives them (none by default)', () => {
    expect(loadConfig({}).webhookAllowedPrivateHosts).toEqual([]);
    expect(loadConfig({ WEBHOOK_ALLOWED_PRIVATE_HOSTS: ' ' }).webhookAllowedPrivateHosts).toEqual(
      [],
    );
    const hosts = loadConfig({
      WEBHOOK_ALLOWED_PRIVATE_HOSTS:
        '127.0.0.1, Hooks.Internal., [::1],0:0:0:0:0:0:0:2, 2130706435,',
    }).webhookAllowedPrivateHosts;
    expect(hosts).toEqual(['127.0.0.1', 'hooks.internal', '::1', '::2', '127.0.0.3']);
  });

  it('reads the task evidence limits: 10 MB, 5 files and every kind by default', () => {
    expect(loadConfig({})).toMatchObject({
      evidenceMaxFileBytes: 10 * 1024 * 1024,
      evidenceMaxFiles: 5,
      evidenceTypes: ['pdf', 'png', 'jpeg', 'txt', 'csv', 'xlsx', 'docx'],
    });
    expect(loadConfig({ EVIDENCE_TYPES: ' PDF, txt,pdf ' }).evidenceTypes).toEqual(['pdf', 'txt']);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ EVIDENCE_TYPES: 'pdf,exe' }, 'EVIDENCE_TYPES'],
    [{ EVIDENCE_MAX_FILES: '0' }, 'EVIDENCE_MAX_FILES'],
    [{ EVIDENCE_MAX_FILE_BYTES: '10MB' }, 'EVIDENCE_MAX_FILE_BYTES'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x/y', REDIS_URL: 'redis://h' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'postgres://h/db' }, 'REDIS_URL'],
    [{ REDIS_URL: 'redis://h' }, 'DATABASE_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DEMO_PASSWORD: 'short' }, 'DEMO_PASSWORD'],
    [{ JWT_SECRET: 'too-short' }, 'JWT_SECRET'],
    [{ JOB_LOCK_MS: '500' }, 'JOB_LOCK_MS'],
    [{ WEBHOOK_ALLOWED_PRIVATE_HOSTS: 'http://hooks.internal' }, 'WEBHOOK_ALLOWED_PRIVATE_HOSTS'],
    [{ WEBHOOK_ALLOWED_PRIVATE_HOSTS: 'hooks.internal:8080' }, 'WEBHOOK_ALLOWED_PRIVATE_HOSTS'],
    [{ WEBHOOK_ALLOWED_PRIVATE_HOSTS: '*.internal' }, 'WEBHOOK_ALLOWED_PRIVATE_HOSTS'],
    [{ WEBHOOK_ALLOWED_PRIVATE_HOSTS: '10.0.0.0/8' }, 'WEBHOOK_ALLOWED_PRIVATE_HOSTS'],
    [{ WEBHOOK_ALLOWED_PRIVATE_HOSTS: '[:::1]' }, 'WEBHOOK_ALLOWED_PRIVATE_HOSTS'],
    [{ CLOCK_AT: '2026-11-02' }, 'CLOCK_AT'],
    [{ CLOCK_AT: '2026-11-02T09:00:00' }, 'CLOCK_AT'],
    [{ CLOCK_AT: '2026-13-02T09:00:00Z' }, 'CLOCK_AT'],
  ])('names the bad variable in %j', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as ConfigError).message).toContain(variable);
  });
});
