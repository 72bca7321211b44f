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
