import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import type { Actor } from '@app/access';
import { Clock, DomainException, SecretCipherError, TransactionRunner } from '@app/platform';
import { createHash, randomBytes } from 'node:crypto';
import { generators, Issuer, type IdTokenClaims } from 'openid-client';
import { LessThan } from 'typeorm';
import { User } from '../entities/user.entity';
import { SsoSignInAttempt } from '../entities/sso-sign-in-attempt.entity';
import { UserSsoLink } from '../entities/user-sso-link.entity';
import { OrganisationSso } from '../entities/organisation-sso.entity';
import { OidcClientSecrets } from './oidc-client-secrets';
import { SsoDirectory } from './sso-directory';
import { IdentityError } from '../identity-errors';

/** How long a person has at their provider before the sign-in must start again. */
const SSO_ATTEMPT_SECONDS = 10 * 60;

/** What the browser's session keeps between sending the person away and their return. */
export interface PendingOidcSignIn {
  organisationId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export const SSO_REFUSAL_REASONS = [
  'no_pending_sign_in',
  'state_mismatch',
  'state_replayed',
  'not_configured',
  'provider_error',
  'token_invalid',
  'email_missing',
  'email_unverified',
  'user_unknown',
  'other_organisation',
  'subject_mismatch',
  'user_disabled',
] as const;
export type SsoRefusalReason = (typeof SSO_REFUSAL_REASONS)[number];

/** A refused sign-in through a provider (403 SSO_REFUSED); the reason picks the message the person reads. */
export class SsoSignInRefused extends IdentityError {
  constructor(readonly reason: SsoRefusalReason) {
    super('SSO_REFUSED', `Sign-in through your organisation's provider was refused (${reason})`, {
      reason,
    });
  }
}

interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

const hashState = (state: string): string => createHash('sha256').update(state).digest('hex');

/**
 * Sign-in through an organisation's OpenID Connect provider: authorization code with PKCE (S256),
 * `state` and `nonce`. openid-client checks the state against the browser's, exchanges the code
 * with the verifier and the client secret, and verifies the ID token: signature (the provider's
 * published keys), issuer, audience, expiry (against the real time, as the provider's clock is:
 * never the business clock, which tests and time-shifted runs move), nonce and c_hash.
 *
 * The state is also recorded hashed (`sso_sign_in_attempt`), expiring, and consumed by the first
 * callback that carries it, so a replayed callback is refused in any process even with an old
 * copy of the session cookie. A person is found, never made: the subject already linked to them,
 * or else the organisation's own user with the token's email, linked then. No user and no role is
 * ever created here, and every refusal is audited with its reason.
 */
@Injectable()
export class OidcSignInService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: SsoDirectory,
    private readonly secrets: OidcClientSecrets,
  ) {}

  /** Whether the address's domain signs in through an organisation's provider. */
  async routes(email: string): Promise<boolean> {
    return (await this.directory.forEmail(email)) !== null;
  }

  /** The provider's authorization URL for this address, or null when its domain routes to no provider. */
  async begin(
    email: string,
    redirectUri: string,
  ): Promise<{ url: string; pending: PendingOidcSignIn } | null> {
    const settings = await this.directory.forEmail(email);
    if (!settings) return null;
    const client = await this.client(settings, redirectUri);
    const pending: PendingOidcSignIn = {
      organisationId: settings.organisationId,
      state: randomBytes(32).toString('base64url'),
      nonce: randomBytes(32).toString('base64url'),
      codeVerifier: generators.codeVerifier(),
    };
    const now = this.clock.now();
    // Attempts past their expiry are worth nothing; a day's margin keeps them for a look at a replay.
    await this.tx.manager
      .getRepository(SsoSignInAttempt)
      .delete({ expiresAt: LessThan(new Date(now.getTime() - 24 * 3600 * 1000)) });
    await this.tx.manager.getRepository(SsoSignInAttempt).insert({
      stateHash: hashState(pending.state),
      organisationId: settings.organisationId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SSO_ATTEMPT_SECONDS * 1000),
      consumedAt: null,
    });
    const url = client.authorizationUrl({
      scope: 'openid email',
      response_type: 'code',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: generators.codeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      login_hint: email.trim().toLowerCase(),
    });
    return { url, pending };
  }

  /** The person the provider vouched for, or SsoSignInRefused (audited). */
  async complete(
    pending: PendingOidcSignIn | null,
    params: Record<string, string>,
    redirectUri: string,
    meta: RequestMeta,
  ): Promise<User> {
    if (!pending) throw await this.refuse(null, 'no_pending_sign_in', meta, {});
    if (typeof params.state !== 'string' || params.state !== pending.state)
      throw await this.refuse(pending.organisationId, 'state_mismatch', meta, {});
    if (!(await this.consume(pending.state)))
      throw await this.refuse(pending.organisationId, 'state_replayed', meta, {});
    const settings = await this.directory.forOrganisation(pending.organisationId);
    if (!settings) throw await this.refuse(pending.organisationId, 'not_configured', meta, {});
    let claims: IdTokenClaims;
    try {
      const client = await this.client(settings, redirectUri);
      const tokens = await client.callback(redirectUri, params, {
        state: pending.state,
        nonce: pending.nonce,
        code_verifier: pending.codeVerifier,
        response_type: 'code',
      });
      claims = tokens.claims();
    } catch (error: unknown) {
      const detail = error instanceof Error ? error.message : String(error);
      // RPError: what the portal checked failed (signature, iss, aud, exp, nonce); else the provider answered an error.
      const reason =
        error instanceof Error && error.name === 'RPError' ? 'token_invalid' : 'provider_error';
      throw await this.refuse(pending.organisationId, reason, meta, {
        detail: detail.slice(0, 300),
      });
    }
    return this.link(settings, claims, meta);
  }

  private async link(
    settings: OrganisationSso,
    claims: IdTokenClaims,
    meta: RequestMeta,
  ): Promise<User> {
    const organisationId = settings.organisationId;
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    const facts = { email, subject: claims.sub };
    if (!email) throw await this.refuse(organisationId, 'email_missing', meta, facts);
    if (claims.email_verified === false)
      throw await this.refuse(organisationId, 'email_unverified', meta, facts);
    const refusal = await this.tx.run(
      async (manager): Promise<{ reason: SsoRefusalReason; userId: string | null } | User> => {
        const links = manager.getRepository(UserSsoLink);
        const linked = await links.findOne({ where: { organisationId, subject: claims.sub } });
        const user = linked
          ? await manager.getRepository(User).findOne({ where: { id: linked.userId } })
          : await manager.getRepository(User).findOne({ where: { email } });
        if (!user) return { reason: 'user_unknown', userId: null };
        if (user.organisationId !== organisationId)
          return { reason: 'other_organisation', userId: user.id };
        if (user.disabledAt) return { reason: 'user_disabled', userId: user.id };
        if (!linked) {
          // Linked to another subject already: the provider reassigned the address; an admin must look.
          if (await links.findOne({ where: { userId: user.id } }))
            return { reason: 'subject_mismatch', userId: user.id };
          await links.insert({
            userId: user.id,
            organisationId,
            subject: claims.sub,
            linkedAt: this.clock.now(),
          });
          await this.audit.record(
            manager,
            { userId: user.id, organisationId, ...meta },
            {
              action: 'user.sso_linked',
              subjectType: 'user',
              subjectId: user.id,
              organisationId,
              changes: { issuer: settings.issuer, subject: claims.sub },
            },
          );
        }
        return user;
      },
    );
    if (refusal instanceof User) return refusal;
    throw await this.refuse(organisationId, refusal.reason, meta, facts, refusal.userId);
  }

  /** Consumes the attempt: true once, for an unexpired state; false for a replay or an unknown state. */
  private async consume(state: string): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.tx.manager
      .createQueryBuilder()
      .update(SsoSignInAttempt)
      .set({ consumedAt: now })
      .where('state_hash = :hash AND consumed_at IS NULL AND expires_at > :now', {
        hash: hashState(state),
        now,
      })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  private async client(settings: OrganisationSso, redirectUri: string) {
    const sealed = await this.tx.manager
      .getRepository(OrganisationSso)
      .createQueryBuilder('s')
      .addSelect('s.clientSecretSealed')
      .where('s.organisation_id = :id', { id: settings.organisationId })
      .getOneOrFail();
    let secret: string;
    try {
      secret = this.secrets.open(settings.organisationId, sealed.clientSecretSealed);
    } catch (error: unknown) {
      if (error instanceof SecretCipherError)
        throw new DomainException(
          'SERVICE_UNAVAILABLE',
          "The organisation's sign-in secret does not open; its administrator must set it again",
        );
      throw error;
    }
    const issuer = await Issuer.discover(settings.issuer);
    if (issuer.metadata.issuer !== settings.issuer) {
      throw new DomainException(
        'SERVICE_UNAVAILABLE',
        `The provider names itself ${issuer.metadata.issuer}, not ${settings.issuer}`,
      );
    }
    return new issuer.Client({
      client_id: settings.clientId,
      client_secret: secret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    });
  }

  private async refuse(
    organisationId: string | null,
    reason: SsoRefusalReason,
    meta: RequestMeta,
    facts: Record<string, unknown>,
    userId: string | null = null,
  ): Promise<SsoSignInRefused> {
    const actor: Actor = { userId, organisationId, ...meta };
    await this.tx.run((manager) =>
      this.audit.record(manager, actor, {
        action: 'user.sso_sign_in_refused',
        subjectType: 'organisation',
        subjectId: organisationId ?? '-',
        organisationId,
        changes: { reason, ...facts },
      }),
    );
    return new SsoSignInRefused(reason);
  }
}
