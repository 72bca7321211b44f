import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, Actor } from '@app/access';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  NotFoundException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { IdentityError } from '../identity-errors';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticatorTransportFuture,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { User } from '../entities/user.entity';
import { MfaRequirementService } from '../mfa/mfa-requirement.service';
import { UserPasskey } from '../entities/user-passkey.entity';
import { WebauthnChallenge, WebauthnPurpose } from '../entities/webauthn-challenge.entity';
import { authenticationResponse, registrationResponse, signedChallenge } from './webauthn-response';

/** How long a challenge can be answered. */
const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const MAX_PASSKEYS = 10;
const RP_NAME = 'MDR Onboarding Portal';

/** What a person sees of one of their passkeys. */
export interface PasskeyView {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A verified assertion: whose passkey answered. */
export interface PasskeyAssertion {
  userId: string;
  passkeyId: string;
}

const hashChallenge = (challenge: string): string =>
  createHash('sha256').update(challenge, 'utf8').digest('hex');

/**
 * Passkeys (WebAuthn) through @simplewebauthn/server: a person registers several, names them
 * and removes them; an assertion answers a challenge the server issued for one purpose
 * (second factor at sign-in, step-up), single-use and expiring, kept as its SHA-256. The relying
 * party is PUBLIC_URL's host and origin. The signature counter must grow when the authenticator
 * keeps one: a counter that goes back is refused and audited (a cloned authenticator).
 */
@Injectable()
export class PasskeyService {
  private readonly rpId: string;
  private readonly origin: string;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly requirement: MfaRequirementService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const url = new URL(config.publicUrl);
    this.rpId = url.hostname;
    this.origin = url.origin;
  }

  list(userId: string, manager: EntityManager = this.tx.manager): Promise<PasskeyView[]> {
    return manager.getRepository(UserPasskey).find({
      where: { userId },
      order: { createdAt: 'ASC', id: 'ASC' },
      select: { id: true, name: true, createdAt: true, lastUsedAt: true },
    });
  }

  async has(userId: string, manager: EntityManager = this.tx.manager): Promise<boolean> {
    return (await manager.getRepository(UserPasskey).countBy({ userId })) > 0;
  }

  /** Options for navigator.credentials.create(): a fresh challenge, the person's passkeys excluded. */
  async registrationOptions(scope: AccessScope): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const existing = await this.tx.manager
      .getRepository(UserPasskey)
      .find({ where: { userId: scope.userId }, select: { credentialId: true, transports: true } });
    if (existing.length >= MAX_PASSKEYS)
      throw new IdentityError(
        'PASSKEY_LIMIT',
        `At most ${MAX_PASSKEYS} passkeys; remove one first`,
      );
    const options = await generateRegistrationOptions({
      rpName: RP_NAME,
      rpID: this.rpId,
      userName: scope.grant.email,
      userID: new Uint8Array(Buffer.from(scope.userId, 'utf8')),
      attestationType: 'none',
      excludeCredentials: existing.map((p) => ({
        id: p.credentialId,
        transports: p.transports as AuthenticatorTransportFuture[],
      })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      timeout: CHALLENGE_TTL_MS,
    });
    await this.tx.run((manager) =>
      this.storeChallenge(manager, scope.userId, 'registration', options.challenge),
    );
    return options;
  }

  /** Verifies the browser's answer to registrationOptions and keeps the passkey under its name. */
  async register(scope: AccessScope, rawName: string, rawResponse: unknown): Promise<PasskeyView> {
    const name = rawName.trim().replace(/\s+/g, ' ');
    if (name.length < 1 || name.length > 100)
      throw new ValidationException([
        { field: 'name', reason: 'name the passkey (1 to 100 characters)' },
      ]);
    const response = registrationResponse(rawResponse);
    // The challenge is spent even when the answer is refused: the refusal is returned, not thrown, so the transaction commits.
    const outcome = await this.tx.run(
      async (manager): Promise<PasskeyView | { refused: string }> => {
        const found = await this.findChallenge(
          manager,
          ['registration'],
          signedChallenge(response),
          scope.userId,
        );
        if (!found) return { refused: 'answers no current challenge: start again' };
        let verification;
        try {
          verification = await verifyRegistrationResponse({
            response,
            expectedChallenge: found.challenge,
            expectedOrigin: this.origin,
            expectedRPID: this.rpId,
            requireUserVerification: true,
          });
        } catch (error: unknown) {
          return {
            refused: `was not accepted (${error instanceof Error ? error.message : 'unreadable'})`,
          };
        }
        if (!verification.verified || !verification.registrationInfo)
          return { refused: 'was not accepted' };
        const { credential } = verification.registrationInfo;
        if (await manager.getRepository(UserPasskey).existsBy({ credentialId: credential.id }))
          return { refused: 'is already registered' };
        const saved = await manager.getRepository(UserPasskey).save({
          userId: scope.userId,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey),
          signCount: String(credential.counter),
          transports: credential.transports ?? [],
          name,
          createdAt: this.clock.now(),
          lastUsedAt: null,
        });
        await this.audit.record(manager, scope.actor, {
          action: 'user.passkey_added',
          subjectType: 'user',
          subjectId: scope.userId,
          organisationId: scope.organisationId,
          changes: { passkeyId: saved.id, name },
        });
        return { id: saved.id, name: saved.name, createdAt: saved.createdAt, lastUsedAt: null };
      },
    );
    if ('refused' in outcome)
      throw new ValidationException([{ field: 'passkey', reason: outcome.refused }]);
    return outcome;
  }

  /** Removes one of the person's own passkeys (another's answers 404; the last factor while one is required 409); audited. */
  async remove(scope: AccessScope, passkeyId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const passkey = await manager.getRepository(UserPasskey).findOne({
        where: { id: passkeyId, userId: scope.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!passkey) throw new NotFoundException('Passkey');
      // 409 while the person must have a second factor and this is their last one.
      const [others] = await manager.query(
        `SELECT (SELECT count(*) FROM user_passkey WHERE user_id = $1 AND id <> $2)::int + (SELECT count(*) FROM user_totp WHERE user_id = $1 AND confirmed_at IS NOT NULL)::int AS n`,
        [scope.userId, passkey.id],
      );
      await this.requirement.refuseRemovingLastFactor(manager, scope.userId, others.n);
      await manager.getRepository(UserPasskey).delete({ id: passkey.id });
      await this.audit.record(manager, scope.actor, {
        action: 'user.passkey_removed',
        subjectType: 'user',
        subjectId: scope.userId,
        organisationId: scope.organisationId,
        changes: { passkeyId: passkey.id, name: passkey.name },
      });
    });
  }

  /**
   * Options for navigator.credentials.get() for one purpose: for one person's passkeys, or (no
   * person: `passwordless`) for any discoverable passkey the browser holds for this site.
   */
  async assertionOptions(
    userId: string | null,
    purpose: Exclude<WebauthnPurpose, 'registration'>,
    manager?: EntityManager,
  ): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const passkeys = userId
      ? await (manager ?? this.tx.manager)
          .getRepository(UserPasskey)
          .find({ where: { userId }, select: { credentialId: true, transports: true } })
      : [];
    if (userId && passkeys.length === 0)
      throw new IdentityError('NO_PASSKEY', 'No passkey is registered');
    const options = await generateAuthenticationOptions({
      rpID: this.rpId,
      allowCredentials: passkeys.map((p) => ({
        id: p.credentialId,
        transports: p.transports as AuthenticatorTransportFuture[],
      })),
      userVerification: 'required',
      timeout: CHALLENGE_TTL_MS,
    });
    if (manager) await this.storeChallenge(manager, userId, purpose, options.challenge);
    else await this.tx.run((m) => this.storeChallenge(m, userId, purpose, options.challenge));
    return options;
  }

  /**
   * Verifies an assertion against the unused, unexpired challenge of `purpose` it signed, issued
   * for the person the passkey belongs to (`userId` when the caller knows them). The challenge is
   * spent whatever the outcome. INVALID_CREDENTIALS when it does not verify.
   */
  async verifyAssertion(
    purposes: Exclude<WebauthnPurpose, 'registration'>[],
    rawResponse: unknown,
    userId: string | null,
    actor: Omit<Actor, 'userId' | 'organisationId'>,
  ): Promise<PasskeyAssertion> {
    const response = authenticationResponse(rawResponse);
    const outcome = await this.tx.run(
      async (manager): Promise<PasskeyAssertion | 'refused' | 'counter'> => {
        const challengeRow = await this.findChallenge(
          manager,
          purposes,
          signedChallenge(response),
          userId,
        );
        if (!challengeRow) return 'refused';
        const passkey = await manager
          .getRepository(UserPasskey)
          .findOne({ where: { credentialId: response.id }, lock: { mode: 'pessimistic_write' } });
        // A challenge issued for a person is answered by their passkey only; a passwordless one by anyone's.
        if (
          !passkey ||
          (challengeRow.row.purpose !== 'passwordless' &&
            passkey.userId !== challengeRow.row.userId)
        )
          return 'refused';
        let verification;
        try {
          verification = await verifyAuthenticationResponse({
            response,
            expectedChallenge: challengeRow.challenge,
            expectedOrigin: this.origin,
            expectedRPID: this.rpId,
            // The counter is compared below, so that a regression is audited rather than only thrown.
            credential: {
              id: passkey.credentialId,
              publicKey: new Uint8Array(passkey.publicKey),
              counter: 0,
              transports: passkey.transports as AuthenticatorTransportFuture[],
            },
            requireUserVerification: true,
          });
        } catch {
          return 'refused';
        }
        if (!verification.verified) return 'refused';
        const stored = Number(passkey.signCount);
        const next = verification.authenticationInfo.newCounter;
        const owner = await manager.getRepository(User).findOneBy({ id: passkey.userId });
        if ((stored > 0 || next > 0) && next <= stored) {
          await this.audit.record(
            manager,
            { ...actor, userId: passkey.userId, organisationId: owner?.organisationId ?? null },
            {
              action: 'user.passkey_counter_regressed',
              subjectType: 'user',
              subjectId: passkey.userId,
              organisationId: owner?.organisationId ?? null,
              changes: { passkeyId: passkey.id, storedCount: stored, presentedCount: next },
            },
          );
          return 'counter';
        }
        if (!owner || owner.disabledAt) return 'refused';
        await manager
          .getRepository(UserPasskey)
          .update({ id: passkey.id }, { signCount: String(next), lastUsedAt: this.clock.now() });
        return { userId: passkey.userId, passkeyId: passkey.id };
      },
    );
    if (outcome === 'refused')
      throw new IdentityError('INVALID_CREDENTIALS', 'The passkey was not accepted; try again');
    if (outcome === 'counter')
      throw new IdentityError(
        'INVALID_CREDENTIALS',
        'The passkey’s signature counter went back: it may have been copied; it was not accepted',
      );
    return outcome;
  }

  private async storeChallenge(
    manager: EntityManager,
    userId: string | null,
    purpose: WebauthnPurpose,
    challenge: string,
  ): Promise<void> {
    const now = this.clock.now();
    // Expired challenges are of no use to anyone: the person's (or the anonymous ones) are cleared as new ones come.
    if (userId)
      await manager
        .createQueryBuilder()
        .delete()
        .from(WebauthnChallenge)
        .where('user_id = :userId AND expires_at < :now', { userId, now })
        .execute();
    else
      await manager
        .createQueryBuilder()
        .delete()
        .from(WebauthnChallenge)
        .where('user_id IS NULL AND expires_at < :now', { now })
        .execute();
    await manager.getRepository(WebauthnChallenge).insert({
      userId,
      purpose,
      challengeHash: hashChallenge(challenge),
      createdAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
      usedAt: null,
    });
  }

  /** Marks the challenge used (conditionally: two answers to one challenge, one wins); null when none is usable. */
  private async findChallenge(
    manager: EntityManager,
    purposes: WebauthnPurpose[],
    challenge: string | null,
    userId: string | null,
  ): Promise<{ row: WebauthnChallenge; challenge: string } | null> {
    if (!challenge) return null;
    const qb = manager
      .createQueryBuilder()
      .update(WebauthnChallenge)
      .set({ usedAt: this.clock.now() })
      .where(
        'challenge_hash = :hash AND purpose IN (:...purposes) AND used_at IS NULL AND expires_at > :now',
        { hash: hashChallenge(challenge), purposes, now: this.clock.now() },
      );
    if (userId) qb.andWhere('user_id = :userId', { userId });
    const spent = await qb.returning('id, user_id, purpose').execute();
    const raw = (
      spent.raw as { id: string; user_id: string | null; purpose: WebauthnPurpose }[]
    )[0];
    if (!raw) return null;
    return {
      row: Object.assign(new WebauthnChallenge(), {
        id: raw.id,
        userId: raw.user_id,
        purpose: raw.purpose,
      }),
      challenge,
    };
  }
}
