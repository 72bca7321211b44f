import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/platform';
import type { ScopeGrant } from '@app/access';
import type { SessionGrant } from './session-grant';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Sent (no payload) when a change to a table a grant is read from commits; see the migration. */
export const GRANT_STALE_CHANNEL = 'mdr_grant_stale';
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 1_000;

interface NotifyingClient {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: () => void): unknown;
}

interface Pool {
  on(event: 'acquire', listener: (client: NotifyingClient) => void): unknown;
}

/**
 * The grants of signed-in sessions (with the names the portal's layout shows), kept between requests so a bearer token or portal session
 * costs no SQL round trip once known. Never stale:
 * - every table the grant is read from notifies `mdr_grant_stale` on commit (a trigger), and any
 *   notification drops every entry;
 * - every connection of this process's pool LISTENs too, and PostgreSQL delivers a session's own
 *   notification before the COMMIT (or autocommit statement) returns: a change made by this
 *   process has dropped the entries before its request answers, so the next request reads anew;
 * - other processes' changes arrive on a dedicated listening connection; while it is not
 *   listening (starting, lost, reconnecting) nothing is kept or served;
 * - a grant read while a notification arrived is not kept (generation check).
 * Server mode only (the embedded database serves one process and is not asked to notify).
 */
@Injectable()
export class GrantCache implements OnModuleDestroy {
  private readonly logger = new Logger(GrantCache.name);
  private readonly entries = new Map<string, SessionGrant>();
  private readonly poolClients = new WeakSet<NotifyingClient>();
  private generation = 0;
  private listening = false;
  private listener: Client | null = null;
  private started = false;
  private closed = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A generation to pass to `set`: entries are kept only if nothing was dropped since. */
  begin(): number {
    this.start();
    return this.generation;
  }

  get(key: string): SessionGrant | undefined {
    return this.listening ? this.entries.get(key) : undefined;
  }

  set(key: string, session: SessionGrant, generation: number): void {
    if (!this.listening || generation !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const { grant } = session;
    this.entries.set(
      key,
      Object.freeze({
        ...session,
        grant: Object.freeze({
          ...grant,
          roles: Object.freeze([...grant.roles]) as ScopeGrant['roles'],
          countryCodes: Object.freeze([...grant.countryCodes]) as string[],
        }),
      }),
    );
  }

  /** The keys held now (for tests and diagnostics). */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Drops every entry (a notification, or the listener lost). */
  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Listens on first use only, so processes that never authenticate (the worker) do not. */
  private start(): void {
    if (this.started || this.closed || this.config.mode !== 'server') return;
    this.started = true;
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) return;
    pool.on('acquire', (client) => {
      if (this.poolClients.has(client)) return;
      this.poolClients.add(client);
      client.on('notification', () => this.clear());
      // Queued ahead of whatever the borrower runs next on this connection.
      client.query(`LISTEN ${GRANT_STALE_CHANNEL}`).catch(() => this.clear());
    });
    void this.listen();
  }

  private async listen(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.config.databaseUrl });
    this.listener = client;
    const lost = (): void => {
      if (this.listener !== client) return;
      this.listening = false;
      this.listener = null;
      this.clear();
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.listen(), RECONNECT_MS).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.clear());
    try {
      await client.connect();
      await client.query(`LISTEN ${GRANT_STALE_CHANNEL}`);
      if (this.listener !== client) return;
      // Whatever changed while nobody listened is unknown: start empty.
      this.clear();
      this.listening = true;
    } catch (error) {
      this.logger.warn(`grants are read on every request until the listener connects: ${error}`);
      lost();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    this.listening = false;
    this.clear();
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }
}
