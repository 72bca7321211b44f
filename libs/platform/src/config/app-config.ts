import { randomBytes } from 'node:crypto';

/** How the process finds its services: embedded (PGlite, in-process jobs, dev mailbox) or server. */
export type RunMode = 'embedded' | 'server';

export interface AppConfig {
  mode: RunMode;
  /**
   * Re-read the portal's templates on every render (NODE_ENV=development only): edits show
   * without a restart, at about 20 ms of CPU a page. Everywhere else they are compiled once.
   */
  reloadTemplates: boolean;
  port: number;
  workerPort: number;
  host: string;
  dataDir: string;
  /** Filled in by the embedded database server at boot when not given. */
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string | null;
  /** Null means the dev mailbox (embedded mode) takes the mail. */
  smtpUrl: string | null;
  mailFrom: string;
  publicUrl: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  sessionSecret: string;
  seedDemo: boolean;
  /** On top of the demo's people, the scenario (Sakura's onboarding, Northwind's service): SEED_DEMO=scenario, the embedded default. */
  seedScenario: boolean;
  demoPassword: string | null;
  logLevel: string;
  queuePrefix: string;
  outboxPollMs: number;
  /** A relayed outbox message not completed after this long is enqueued again (OUTBOX_RECONCILE_AFTER_MS). */
  outboxReconcileAfterMs: number;
  /** How long a claimed mail send is left to the worker that claimed it (NOTIFICATION_SEND_LEASE_MS). */
  notificationSendLeaseMs: number;
  /** Sign-in throttling (see LoginThrottle): failures older than this many seconds are forgotten. */
  loginWindowSeconds: number;
  /** Failed sign-ins for one account from one client address before each further try waits. */
  loginFreeFailures: number;
  /** Failed sign-ins from one client address, over every account, before each further try waits. */
  loginAddressFreeFailures: number;
  /** Failed sign-ins for one account from any address it never signed in from, before those wait. */
  loginAccountFreeFailures: number;
  /** The wait once a threshold is reached; it doubles with each further failure. */
  loginFirstDelaySeconds: number;
  /** The longest wait. */
  loginMaxDelaySeconds: number;
  bodyLimitBytes: number;
  secureCookies: boolean;
  /** An endpoint whose OS support ends within this many days is classified eol_soon. */
  eolSoonDays: number;
  /** Largest endpoint inventory file accepted by the multipart upload. */
  importMaxBytes: number;
  /** Task evidence: largest file (EVIDENCE_MAX_FILE_BYTES), files per completion (EVIDENCE_MAX_FILES), accepted kinds (EVIDENCE_TYPES). */
  evidenceMaxFileBytes: number;
  evidenceMaxFiles: number;
  evidenceTypes: EvidenceType[];
  /** Evidence store (files on steps, incidents, comments): largest file (EVIDENCE_STORE_MAX_BYTES); kinds as EVIDENCE_TYPES. */
  evidenceStoreMaxBytes: number;
  /** Days a signature request stays open (SIGNATURE_REQUEST_TTL_DAYS). */
  signatureRequestTtlDays: number;
  /** The signer is reminded this many days before the request expires (SIGNATURE_REMINDER_DAYS_BEFORE). */
  signatureReminderDaysBefore: number;
  /** Requests per minute per IP address on the public signing links (SIGNING_LINK_RATE_LIMIT). */
  signingLinkRateLimit: number;
  /** Lifetime of a domain-permission confirmation link. */
  domainConfirmationTtlDays: number;
  /** HMAC key of the inbound-mail webhook; null: the webhook refuses every call. */
  inboundEmailSecret: string | null;
  /** Where replies to domain-permission mail go (routed to the inbound webhook); null: no Reply-To. */
  inboundEmailAddress: string | null;
  /** host:port of the DNS server the domain TXT check asks; null: the system's resolvers. */
  dnsResolver: string | null;
  /** PROOF_SIGNING_KEY: the Ed25519 key that signs audit checkpoints (PKCS#8 PEM or 32-byte seed, base64); null: see loadSigningKey. */
  proofSigningKey: string | null;
  /** Minutes between the signed checkpoints of every audit chain head (CHECKPOINT_INTERVAL_MINUTES). */
  checkpointIntervalMinutes: number;
  /** Requests per IP per minute on the public confirmation pages. */
  confirmAttemptsPerMinute: number;
  /** Requests per minute per IP (and engagement) on the public webhooks (WEBHOOK_RATE_LIMIT). */
  webhookRateLimit: number;
  /**
   * How long a worker's lock on a running job lasts (JOB_LOCK_MS, renewed at half-time). A job
   * whose worker died is retried by another worker within about twice this.
   */
  jobLockMs: number;
  /** Minutes an escalation contact has to acknowledge before the next is tried (ESCALATION_ACK_MINUTES). */
  escalationAckMinutes: number;
  /**
   * Hosts of incident webhook URLs (names or IP addresses, as written in the URL, normalised by
   * the URL parser) that may reach private, loopback or otherwise internal addresses
   * (WEBHOOK_ALLOWED_PRIVATE_HOSTS, comma-separated; empty by default).
   */
  webhookAllowedPrivateHosts: string[];
  /**
   * The business clock reads this instant when the process boots and runs on from it
   * (CLOCK_AT, ISO 8601; tests and demos). Null: the real time.
   */
  clockAt: Date | null;
  /**
   * Provider staff and platform admins must have a second factor (MFA_REQUIRED_FOR_PROVIDER).
   * On by default in server mode; off in the embedded demo and wherever the demo people are
   * seeded (they have no authenticator app), unless set.
   */
  mfaRequiredForProvider: boolean;
}

/** The kinds of evidence file accepted; each has its extensions, content type and signature (libs/evidence, evidence-file-kinds). */
export const EVIDENCE_TYPES = ['pdf', 'png', 'jpeg', 'txt', 'csv', 'xlsx', 'docx'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

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

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function readUrl(env: Env, name: string, protocols: string[]): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must use one of ${protocols.join(', ')}, got ${url.protocol}`);
  }
  return raw;
}

function readSecret(env: Env, name: string, required: boolean): string {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    if (required)
      throw new ConfigError(name, 'is required in server mode (at least 32 characters)');
    // Embedded demo: a fresh secret per process (the embedded API remembers the first one of
    // SESSION_SECRET and JWT_SECRET in DATA_DIR, see apps/api/src/embedded-secrets.ts).
    return randomBytes(32).toString('base64url');
  }
  if (raw.length < 32) throw new ConfigError(name, 'must be at least 32 characters long');
  return raw;
}

function readOptionalSecret(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (raw.length < 32) throw new ConfigError(name, 'must be at least 32 characters long');
  return raw;
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

/** An Ed25519 PKCS#8 PEM, or a 32-byte seed in base64 or base64url (checked again when parsed). */
function readSigningKey(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return null;
  const text = raw.trim();
  if (text.startsWith('-----BEGIN PRIVATE KEY-----')) return text;
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return text;
  throw new ConfigError(
    name,
    'must be an Ed25519 private key as PKCS#8 PEM, or its 32-byte seed in base64',
  );
}

function readEmail(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(raw))
    throw new ConfigError(name, `must be an email address, got "${raw}"`);
  return raw;
}

function readHostPort(env: Env, name: string): string | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(raw);
  if (!match || Number(match[2]) > 65535)
    throw new ConfigError(name, `must be host:port, got "${raw}"`);
  return raw;
}

/**
 * A comma-separated list of hosts: names (`ticketing.internal`) or IP addresses (`10.0.0.5`,
 * `::1` or `[::1]`), each put in the form `new URL(...).hostname` gives it (lower case, an IPv4
 * address in dotted decimal, IPv6 compressed, without brackets or a trailing dot), so that it
 * compares equal to the host of a parsed URL. Ports, paths and wildcards are refused.
 */
function readHostList(env: Env, name: string): string[] {
  const raw = env[name];
  if (raw === undefined) return [];
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries.map((trimmed) => {
    const ipv6 = /^\[?([0-9a-fA-F:.]*:[0-9a-fA-F:.]*)\]?$/.exec(trimmed);
    const isName =
      /^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$/.test(
        trimmed,
      );
    if (!ipv6 && !isName)
      throw new ConfigError(
        name,
        `must be a comma-separated list of host names or IP addresses, got "${trimmed}"`,
      );
    try {
      const host = new URL(`http://${ipv6 ? `[${ipv6[1]}]` : trimmed}/`).hostname;
      return host.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
    } catch {
      throw new ConfigError(
        name,
        `must be a comma-separated list of host names or IP addresses, got "${trimmed}"`,
      );
    }
  });
}

function readEvidenceTypes(env: Env, name: string): EvidenceType[] {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return [...EVIDENCE_TYPES];
  const entries = [
    ...new Set(
      raw
        .split(',')
        .map((entry) => entry.trim().toLowerCase())
        .filter((entry) => entry !== ''),
    ),
  ];
  for (const entry of entries) {
    if (!(EVIDENCE_TYPES as readonly string[]).includes(entry)) {
      throw new ConfigError(
        name,
        `must be a comma-separated list of ${EVIDENCE_TYPES.join(', ')}, got "${entry}"`,
      );
    }
  }
  return entries as EvidenceType[];
}

function readInstant(env: Env, name: string): Date | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(raw)
    ? new Date(raw)
    : null;
  if (!at || Number.isNaN(at.getTime()))
    throw new ConfigError(
      name,
      `must be an ISO 8601 instant with a zone, e.g. 2026-11-02T09:00:00Z, got "${raw}"`,
    );
  return at;
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
    evidenceTypes: readEvidenceTypes(env, 'EVIDENCE_TYPES'),
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
