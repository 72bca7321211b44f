import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, Clock, DomainException } from '@app/platform';
import { isIPv4, isIPv6 } from 'node:net';
import { EntityManager } from 'typeorm';
import { LoginFailure } from '../entities/login-failure.entity';
import { LoginKnownAddress } from '../entities/login-known-address.entity';

/**
 * The key sign-in failures are counted under for a client address: an IPv4 address as it is
 * (an IPv4-mapped IPv6 address as its IPv4 form), an IPv6 address by its /64 prefix, since one
 * client normally holds a whole /64 and could otherwise take a fresh address per guess.
 */
export function addressKey(ip: string | null): string {
  if (!ip) return 'unknown';
  const bare = ip.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1];
  if (isIPv4(bare) || !isIPv6(bare)) return bare;
  const [head, tail] = bare.split('::');
  const front = head ? head.split(':') : [];
  const back = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? front
      : [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Seconds to wait after the last failure once `failures` reached `free`: first, twice that, four times, … up to max. */
export function delayAfter(
  failures: number,
  free: number,
  delays: { first: number; max: number },
): number {
  if (failures < free) return 0;
  return Math.min(delays.max, delays.first * 2 ** Math.min(failures - free, 30));
}

/** The advisory lock class of one (account, address)'s sign-in tries (see `admit`). */
const LOGIN_TRY_LOCK = 4402;

interface PressureRow {
  pair_failures: string;
  pair_last: Date | null;
  address_failures: string;
  address_last: Date | null;
  account_failures: string;
  account_last: Date | null;
  known: boolean;
}

/**
 * Slows password guessing without locking the owner out. Failed sign-ins in the last
 * LOGIN_WINDOW_SECONDS are counted three ways, and past each threshold the next try must wait
 * after the last failure, with 429 and Retry-After, a delay that doubles with every further
 * failure (LOGIN_FIRST_DELAY_SECONDS, 1 s: 1, 2, 4, … up to LOGIN_MAX_DELAY_SECONDS); a try that
 * has to wait is refused without looking at its password.
 * - one account from one address (LOGIN_FREE_FAILURES): guessing one person's password;
 * - one address over every account (LOGIN_ADDRESS_FREE_FAILURES): spraying;
 * - one account from any address it never signed in from (LOGIN_ACCOUNT_FREE_FAILURES):
 *   guessing from many addresses. The owner's own addresses (where they signed in before) are
 *   exempt from this one, so failures elsewhere never slow the owner down at home.
 * Nothing is a hard lock: after the delay the right password works again, and from another
 * address at once. Counted in PostgreSQL, so it holds across every API process.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * One try of `email` from `address`: refused with 429 while it must wait, otherwise counted
   * (`recordAttempt`). The two are one step under a transaction-level lock on the pair, so that
   * parallel guesses reaching different API processes see each other as they do in one process
   * (where LoginService also queues them): a burst through any number of processes gets exactly
   * LOGIN_FREE_FAILURES tries. A transaction lock, not a session one, so it holds through a
   * transaction-mode connection pooler too.
   */
  admit(manager: EntityManager, email: string, address: string): Promise<void> {
    return manager.transaction(async (locked) => {
      await locked.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        LOGIN_TRY_LOCK,
        `${email}\n${address}`,
      ]);
      await this.refuseWhenSlowed(locked, email, address);
      await this.recordAttempt(locked, email, address);
    });
  }

  /** Throws 429 with the seconds to wait when this email, from this address, must wait. */
  async refuseWhenSlowed(manager: EntityManager, email: string, address: string): Promise<void> {
    const windowStart = new Date(this.clock.nowMs() - this.config.loginWindowSeconds * 1000);
    const [row] = (await manager.query(
      `SELECT count(*) FILTER (WHERE email = $1 AND ip = $2) AS pair_failures,
              max(created_at) FILTER (WHERE email = $1 AND ip = $2) AS pair_last,
              count(*) FILTER (WHERE ip = $2) AS address_failures,
              max(created_at) FILTER (WHERE ip = $2) AS address_last,
              count(*) FILTER (WHERE email = $1) AS account_failures,
              max(created_at) FILTER (WHERE email = $1) AS account_last,
              EXISTS (SELECT 1 FROM login_known_address k WHERE k.email = $1 AND k.ip = $2) AS known
         FROM login_failure
        WHERE (email = $1 OR ip = $2) AND created_at > $3`,
      [email, address, windowStart],
    )) as PressureRow[];
    const { loginFreeFailures, loginAddressFreeFailures, loginAccountFreeFailures } = this.config;
    const waits = [
      this.waitSeconds(Number(row.pair_failures), row.pair_last, loginFreeFailures),
      this.waitSeconds(Number(row.address_failures), row.address_last, loginAddressFreeFailures),
      row.known
        ? 0
        : this.waitSeconds(
            Number(row.account_failures),
            row.account_last,
            loginAccountFreeFailures,
          ),
    ];
    const wait = Math.max(...waits);
    if (wait > 0) {
      throw new DomainException(
        'TOO_MANY_REQUESTS',
        `Too many failed sign-ins; wait ${wait} seconds before trying again`,
        undefined,
        wait,
      );
    }
  }

  /**
   * Counts this try as a failure before the password is checked, so that parallel guesses see
   * each other; a success takes it back (see `succeeded`). Also forgets this email's and this
   * address's failures that have left the window.
   */
  async recordAttempt(manager: EntityManager, email: string, address: string): Promise<void> {
    const windowStart = new Date(this.clock.nowMs() - this.config.loginWindowSeconds * 1000);
    await manager
      .createQueryBuilder()
      .delete()
      .from(LoginFailure)
      .where('(email = :email OR ip = :address) AND created_at <= :windowStart', {
        email,
        address,
        windowStart,
      })
      .execute();
    await manager
      .getRepository(LoginFailure)
      .insert({ email, ip: address, createdAt: this.clock.now() });
  }

  /**
   * The right password from this address: its failures for this account are forgotten and the
   * address becomes one of the account's own. Failures from other addresses stay counted.
   */
  async succeeded(manager: EntityManager, email: string, address: string): Promise<void> {
    await manager.getRepository(LoginFailure).delete({ email, ip: address });
    await manager
      .createQueryBuilder()
      .insert()
      .into(LoginKnownAddress)
      .values({ email, ip: address, lastSuccessAt: this.clock.now() })
      .orUpdate(['last_success_at'], ['email', 'ip'])
      .execute();
  }

  private waitSeconds(failures: number, last: Date | null, free: number): number {
    const delay = delayAfter(failures, free, {
      first: this.config.loginFirstDelaySeconds,
      max: this.config.loginMaxDelaySeconds,
    });
    if (delay === 0 || !last) return 0;
    const remainingMs = new Date(last).getTime() + delay * 1000 - this.clock.nowMs();
    return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
  }
}
