import { type AppConfig, EVIDENCE_TYPES, type RunMode } from './app-config.types';
import {
  ConfigError,
  type Env,
  readBool,
  readChoices,
  readEmail,
  readHostList,
  readHostPort,
  readInstant,
  readInt,
  readOptionalSecret,
  readSecret,
  readSigningKey,
  readUrl,
} from './env-readers';

// What the configuration is (app-config.types) and how one variable is read (env-readers) live
// beside this file; importers keep naming app-config.
export * from './app-config.types';
export { ConfigError } from './env-readers';

/**
 * SEED_DEMO: `scenario` (people and the scenario demo; the embedded default), `users` or `true`
 * (the people and engagements only), `false` (nothing; the server default).
 */
function readSeedDemo(env: Env, mode: RunMode): { seedDemo: boolean; seedScenario: boolean } {
  const raw = env.SEED_DEMO;
  if (raw === undefined || raw === '')
    return { seedDemo: mode === 'embedded', seedScenario: mode === 'embedded' };
  if (raw === 'scenario') return { seedDemo: true, seedScenario: true };
  if (raw === 'users') return { seedDemo: true, seedScenario: false };
  try {
    return { seedDemo: readBool(env, 'SEED_DEMO', false), seedScenario: false };
  } catch {
    throw new ConfigError('SEED_DEMO', `must be scenario, users, true or false, got "${raw}"`);
  }
}

/** Minutes that divide an hour or a day, so checkpoints fall at the same clock times every day. */
const CHECKPOINT_INTERVALS = [
  1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 360, 480, 720, 1440,
] as const;

function readCheckpointInterval(env: Env): number {
  const value = readInt(env, 'CHECKPOINT_INTERVAL_MINUTES', 1440, 1, 1440);
  if (!(CHECKPOINT_INTERVALS as readonly number[]).includes(value)) {
    throw new ConfigError(
      'CHECKPOINT_INTERVAL_MINUTES',
      `must divide an hour or a day (one of ${CHECKPOINT_INTERVALS.join(', ')}), got ${value}`,
    );
  }
  return value;
}

/** JOB_LOCK_MS, read here and by the queue's import-time worker options alike. */
export function readJobLockMs(env: Env): number {
  return readInt(env, 'JOB_LOCK_MS', 30_000, 1000, 600_000);
}

/** Reads and validates the environment once; every problem names its variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const smtpUrl = readUrl(env, 'SMTP_URL', ['smtp:', 'smtps:']);
  const mode: RunMode = databaseUrl ? 'server' : 'embedded';
  if (mode === 'server' && !redisUrl) {
    throw new ConfigError('REDIS_URL', 'is required when DATABASE_URL is set (server mode)');
  }
  if (mode === 'embedded' && redisUrl) {
    throw new ConfigError('DATABASE_URL', 'is required when REDIS_URL is set (server mode)');
  }
  const port = readInt(env, 'PORT', 3000, 0, 65535);
  const logLevel = env.LOG_LEVEL ?? 'info';
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${levels.join(', ')}`);
  }
  const demoPassword = env.DEMO_PASSWORD ? env.DEMO_PASSWORD : null;
  if (demoPassword !== null && demoPassword.length < 8) {
    throw new ConfigError('DEMO_PASSWORD', 'must be at least 8 characters long');
  }
  const publicUrl = readUrl(env, 'PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const queuePrefix = env.QUEUE_PREFIX ?? 'mdr';
  const seed = readSeedDemo(env, mode);
  const mfaRequiredForProvider = readBool(
    env,
    'MFA_REQUIRED_FOR_PROVIDER',
    mode === 'server' && !seed.seedDemo,
  );
  if (mfaRequiredForProvider && seed.seedScenario) {
    // The scenario's provider people act through the API with their password alone.
    throw new ConfigError(
      'MFA_REQUIRED_FOR_PROVIDER',
      'must be false when SEED_DEMO=scenario (the scenario signs its provider people in without a second factor)',
    );
  }
  if (!/^[a-zA-Z0-9_-]{1,40}$/.test(queuePrefix)) {
    throw new ConfigError('QUEUE_PREFIX', 'may hold only letters, digits, _ and - (1 to 40)');
  }
  return {
    mode,
    reloadTemplates: env.NODE_ENV === 'development',
    port,
    workerPort: readInt(env, 'WORKER_PORT', 3001, 0, 65535),
    // The embedded demo is for the person at this machine: loopback unless told otherwise.
    host: env.HOST || (mode === 'embedded' ? '127.0.0.1' : '0.0.0.0'),
    dataDir: env.DATA_DIR ?? './data',
    databaseUrl: databaseUrl ?? '',
    databasePoolSize: readInt(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    redisUrl,
    smtpUrl,
    mailFrom: env.MAIL_FROM ?? 'MDR Portal <no-reply@portal.example>',
    publicUrl: publicUrl.replace(/\/$/, ''),
    jwtSecret: readSecret(env, 'JWT_SECRET', mode === 'server'),
    jwtTtlSeconds: readInt(env, 'JWT_TTL_SECONDS', 900, 60, 86400),
    sessionSecret: readSecret(env, 'SESSION_SECRET', mode === 'server'),
    ...seed,
    demoPassword,
    logLevel,
    queuePrefix,
    outboxPollMs: readInt(env, 'OUTBOX_POLL_MS', 500, 10, 60000),
    outboxReconcileAfterMs: readInt(
      env,
      'OUTBOX_RECONCILE_AFTER_MS',
      120_000,
      1000,
      7 * 24 * 3600_000,
    ),
    notificationSendLeaseMs: readInt(env, 'NOTIFICATION_SEND_LEASE_MS', 60_000, 1000, 3600_000),
    loginWindowSeconds: readInt(env, 'LOGIN_WINDOW_SECONDS', 900, 1, 86400),
    loginFreeFailures: readInt(env, 'LOGIN_FREE_FAILURES', 5, 1, 1000),
    loginAddressFreeFailures: readInt(env, 'LOGIN_ADDRESS_FREE_FAILURES', 20, 1, 100_000),
    loginAccountFreeFailures: readInt(env, 'LOGIN_ACCOUNT_FREE_FAILURES', 50, 1, 100_000),
    loginFirstDelaySeconds: readInt(env, 'LOGIN_FIRST_DELAY_SECONDS', 1, 1, 3600),
    loginMaxDelaySeconds: readInt(env, 'LOGIN_MAX_DELAY_SECONDS', 900, 1, 86400),
    bodyLimitBytes: readInt(env, 'BODY_LIMIT_BYTES', 1048576, 1024, 104857600),
    secureCookies: readBool(env, 'SECURE_COOKIES', publicUrl.startsWith('https:')),
    eolSoonDays: readInt(env, 'EOL_SOON_DAYS', 180, 0, 3650),
    importMaxBytes: readInt(
      env,
      'IMPORT_MAX_BYTES',
      200 * 1024 * 1024,
      1024,
      2 * 1024 * 1024 * 1024,
    ),
    evidenceMaxFileBytes: readInt(
      env,
      'EVIDENCE_MAX_FILE_BYTES',
      10 * 1024 * 1024,
      1,
      100 * 1024 * 1024,
    ),
    evidenceMaxFiles: readInt(env, 'EVIDENCE_MAX_FILES', 5, 1, 20),
    evidenceTypes: readChoices(env, 'EVIDENCE_TYPES', EVIDENCE_TYPES),
    evidenceStoreMaxBytes: readInt(
      env,
      'EVIDENCE_STORE_MAX_BYTES',
      20 * 1024 * 1024,
      1,
      100 * 1024 * 1024,
    ),
    signatureRequestTtlDays: readInt(env, 'SIGNATURE_REQUEST_TTL_DAYS', 30, 1, 365),
    signatureReminderDaysBefore: readInt(env, 'SIGNATURE_REMINDER_DAYS_BEFORE', 3, 0, 364),
    signingLinkRateLimit: readInt(env, 'SIGNING_LINK_RATE_LIMIT', 30, 1, 100000),
    domainConfirmationTtlDays: readInt(env, 'DOMAIN_CONFIRMATION_TTL_DAYS', 7, 1, 90),
    inboundEmailSecret: readOptionalSecret(env, 'INBOUND_EMAIL_SECRET'),
    inboundEmailAddress: readEmail(env, 'INBOUND_EMAIL_ADDRESS'),
    dnsResolver: readHostPort(env, 'DNS_RESOLVER'),
    confirmAttemptsPerMinute: readInt(env, 'CONFIRM_ATTEMPTS_PER_MINUTE', 30, 1, 100000),
    proofSigningKey: readSigningKey(env, 'PROOF_SIGNING_KEY'),
    checkpointIntervalMinutes: readCheckpointInterval(env),
    jobLockMs: readJobLockMs(env),
    webhookRateLimit: readInt(env, 'WEBHOOK_RATE_LIMIT', 600, 1, 1_000_000),
    escalationAckMinutes: readInt(env, 'ESCALATION_ACK_MINUTES', 15, 1, 1440),
    webhookAllowedPrivateHosts: readHostList(env, 'WEBHOOK_ALLOWED_PRIVATE_HOSTS'),
    clockAt: readInstant(env, 'CLOCK_AT'),
    mfaRequiredForProvider,
  };
}
