import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, Clock } from '@app/platform';
import { DataSource } from 'typeorm';
import type { Language, OrganisationKind, Role } from '@app/access';
import { ScopeGrant } from '@app/access';
import { AuthMethod, hasSecondFactorSql, mfaEnrolmentRequired } from '../mfa/mfa-requirement';
import { GrantCache } from './grant-cache';
import type { SessionGrant } from './session-grant';

export type { SessionGrant } from './session-grant';
import { READER_ZONE_COLUMNS, readerZone } from './reader-zone';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface GrantRow {
  id: string;
  email: string;
  organisation_id: string | null;
  language: Language;
  kind: OrganisationKind | null;
  role: Role;
  country_code: string | null;
  user_time_zone: string | null;
  organisation_time_zone: string | null;
  organisation_country_code: string | null;
  require_mfa: boolean | null;
  has_second_factor: boolean;
  /** How the session was signed in (its row's auth_method); 'password' for an API key's maker. */
  auth_method: AuthMethod;
  display_name: string;
  organisation_name: string | null;
  /** When the session's row ends (null for an API key's maker, which has no session). */
  session_expires_at: Date | null;
}

/** Who a portal session or a bearer token names, and the session version it was issued under. */
export interface SessionClaim {
  userId: string;
  sessionVersion: number;
  /** The user_session row of this cookie or token; the person can end it on its own. */
  sessionId: string;
}

/**
 * Builds a signed-in user's grant from the database, so revocation is immediate; one query,
 * since it runs on every authenticated request, and none while the GrantCache holds it (any
 * change to the tables it reads drops the cache before the change's own request answers). The same query is the
 * revocation check: a session or token issued under an older session version (the user signed
 * out, changed their password or was disabled since) or of a disabled user gets no grant.
 * It also reads what the MFA policy needs, so a session that does not meet it is marked
 * (`mfaEnrolmentRequired`) on the request after the policy changes, at no extra query.
 */
@Injectable()
export class ScopeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cache: GrantCache,
    private readonly clock: Clock,
  ) {}

  async grantFor(claim: SessionClaim): Promise<ScopeGrant | null> {
    return (await this.sessionFor(claim))?.grant ?? null;
  }

  /** The grant with the names the portal's layout shows; kept like the grant. */
  async sessionFor(claim: SessionClaim): Promise<SessionGrant | null> {
    // A claim from before sessions had rows, or a malformed one, names no session.
    if (typeof claim.sessionId !== 'string' || !UUID.test(claim.sessionId)) return null;
    const key = `${claim.userId}\n${claim.sessionVersion}\n${claim.sessionId}`;
    const kept = this.cache.get(key);
    if (kept && kept.expiresAtMs > this.clock.nowMs()) return kept;
    const generation = this.cache.begin();
    const session = await this.readGrant(claim);
    if (session) this.cache.set(key, session, generation);
    return session;
  }

  private async readGrant(claim: SessionClaim): Promise<SessionGrant | null> {
    const grant = await this.grantWhere(
      `u.session_version = $2 AND EXISTS (SELECT 1 FROM user_session s WHERE s.id = $3 AND s.user_id = u.id AND s.revoked_at IS NULL AND (s.kind <> 'portal' OR s.expires_at > $4))`,
      [claim.userId, claim.sessionVersion, claim.sessionId, this.clock.now()],
      // The row, not the cookie or token, says how the session was signed in and until when.
      {
        authMethod: `(SELECT s.auth_method FROM user_session s WHERE s.id = $3)`,
        expiresAt: `(SELECT CASE WHEN s.kind = 'portal' THEN s.expires_at END FROM user_session s WHERE s.id = $3)`,
      },
    );
    if (!grant) return null;
    const { facts, names, sessionExpiresAt, ...rest } = grant;
    const enrolment = mfaEnrolmentRequired(
      {
        organisationRequiresMfa: facts.requireMfa,
        organisationKind: rest.organisationKind,
        roles: rest.roles,
        providerRule: this.config.mfaRequiredForProvider,
      },
      { authMethod: facts.authMethod, hasSecondFactor: facts.hasSecondFactor },
    );
    return {
      grant: {
        ...rest,
        sessionId: claim.sessionId,
        ...(enrolment ? { mfaEnrolmentRequired: true } : {}),
      },
      ...names,
      expiresAtMs: sessionExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY,
    };
  }

  /**
   * The grant an API key acts under: its maker's, as they are now (a disabled maker's keys stop;
   * their signing out does not end the keys, which are revoked on their own).
   */
  async grantForKeyMaker(userId: string): Promise<ScopeGrant | null> {
    // API keys are not sessions: the MFA policy does not apply to them.
    const grant = await this.grantWhere('TRUE', [userId]);
    if (!grant) return null;
    const { facts: _facts, names: _names, sessionExpiresAt: _expiry, ...rest } = grant;
    return rest;
  }

  /**
   * The grant a person's secret calendar feed link reads under: theirs as they are now (a
   * disabled person's feed stops). The link is not a session: no session version, no MFA policy.
   */
  async grantForFeed(userId: string): Promise<ScopeGrant | null> {
    return this.grantForKeyMaker(userId);
  }

  /** The grant, with what the MFA policy needs (its organisation's setting, a confirmed app). */
  private async grantWhere(
    condition: string,
    params: unknown[],
    session = { authMethod: `'password'`, expiresAt: 'NULL::timestamptz' },
  ): Promise<
    | (ScopeGrant & {
        facts: { requireMfa: boolean; hasSecondFactor: boolean; authMethod: AuthMethod };
        names: { displayName: string; organisationName: string | null };
        sessionExpiresAt: Date | null;
      })
    | null
  > {
    const rows: GrantRow[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.organisation_id, u.language, o.kind, m.role, m.country_code, ${READER_ZONE_COLUMNS},
              o.require_mfa,
              ${hasSecondFactorSql('u')} AS has_second_factor,
              ${session.authMethod} AS auth_method,
              ${session.expiresAt} AS session_expires_at,
              u.display_name, o.name AS organisation_name
         FROM app_user u
         JOIN membership m ON m.user_id = u.id
         LEFT JOIN organisation o ON o.id = u.organisation_id
        WHERE u.id = $1 AND ${condition} AND u.disabled_at IS NULL`,
      params,
    );
    if (rows.length === 0) return null;
    const [first] = rows;
    const countryCodes = rows.flatMap((r) => (r.country_code ? [r.country_code] : []));
    return {
      userId: first.id,
      email: first.email,
      organisationId: first.organisation_id,
      organisationKind: first.kind,
      roles: [...new Set(rows.map((r) => r.role))],
      countryCodes,
      language: first.language,
      timeZone: readerZone({
        userTimeZone: first.user_time_zone,
        countryCodes,
        organisationTimeZone: first.organisation_time_zone,
        organisationCountryCode: first.organisation_country_code,
      }),
      facts: {
        requireMfa: first.require_mfa === true,
        hasSecondFactor: first.has_second_factor === true,
        authMethod: first.auth_method === 'sso' ? 'sso' : 'password',
      },
      names: { displayName: first.display_name, organisationName: first.organisation_name },
      sessionExpiresAt: first.session_expires_at,
    };
  }
}
