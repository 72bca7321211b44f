import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { DomainException, TransactionRunner, ValidationException } from '@app/platform';
import { EntityManager } from 'typeorm';
import { User } from '../entities/user.entity';
import { AccessScope, Actor } from '@app/access';
import { SET_PASSWORD_PURPOSE } from './invitation-links.service';
import { LoginService } from './login.service';
import { OneTimeTokenService } from './one-time-token.service';
import { PasswordPolicy, personalWords } from './password-policy';
import { PasswordService } from './password.service';
import { UserSessionsService } from './user-sessions.service';
import { IdentityError } from '../identity-errors';

/** Where the request came from, for the audit record of a signed-out action. */
export type RequestActor = Omit<Actor, 'userId' | 'organisationId'>;

/**
 * A person's own credentials and sessions: choosing the password through the invitation link,
 * changing it, signing out. Each of these ends every session and token of that user at once by
 * raising their session version (see ScopeService), in the transaction of its audit record.
 */
@Injectable()
export class UserCredentialsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly policy: PasswordPolicy,
    private readonly tokens: OneTimeTokenService,
    private readonly logins: LoginService,
    private readonly sessions: UserSessionsService,
  ) {}

  /**
   * Sets the password through an invitation link (single use). The link is checked before the
   * policy, so only the invitee can make the portal run the strength estimator.
   */
  async setPasswordWithToken(token: string, password: string, actor: RequestActor): Promise<void> {
    const user = await this.invitee(this.tx.manager, token);
    this.policy.assertAcceptable(password, personalWords(user), 'password');
    const passwordHash = await this.passwords.hash(password);
    await this.tx.run((manager) => this.redeemInvitation(manager, token, passwordHash, actor));
  }

  /**
   * The second half of an invitation, in the caller's transaction: consumes the link, stores the
   * password's hash and ends any session. The demo seed completes its people's invitations
   * through here too (after checking the demo password against the policy).
   */
  async redeemInvitation(
    manager: EntityManager,
    token: string,
    passwordHash: string,
    actor: RequestActor,
  ): Promise<void> {
    const record = await this.tokens.findUsable(manager, SET_PASSWORD_PURPOSE, token);
    if (!record || !(await this.tokens.consume(manager, record))) throw invalidLink();
    const user = await manager
      .getRepository(User)
      .findOneOrFail({ where: { id: record.subjectId } });
    if (user.disabledAt) throw invalidLink();
    await this.storePassword(manager, user.id, passwordHash);
    await this.audit.record(
      manager,
      { ...actor, userId: user.id, organisationId: user.organisationId },
      {
        action: 'user.password_set',
        subjectType: 'user',
        subjectId: user.id,
        organisationId: user.organisationId,
        changes: { via: 'invitation' },
      },
    );
  }

  /**
   * Changes the signed-in user's password: the current one is checked first (slowed like a
   * sign-in), then the new one against the policy. Every session and token ends, this one
   * included; returns the new session version, for the portal to start a fresh session here.
   */
  async changePassword(
    scope: AccessScope,
    currentPassword: string,
    newPassword: string,
  ): Promise<number> {
    try {
      await this.logins.authenticate(scope.grant.email, currentPassword, scope.actor.ip);
    } catch (error: unknown) {
      if (error instanceof DomainException && error.code === 'INVALID_CREDENTIALS') {
        throw new IdentityError('INVALID_CREDENTIALS', 'The current password is incorrect', [
          { field: 'currentPassword', reason: 'is incorrect' },
        ]);
      }
      throw error;
    }
    const user = await this.tx.manager
      .getRepository(User)
      .findOneOrFail({ where: { id: scope.userId } });
    this.policy.assertAcceptable(newPassword, personalWords(user), 'newPassword');
    if (newPassword === currentPassword) {
      throw new ValidationException([
        { field: 'newPassword', reason: 'must differ from the current password' },
      ]);
    }
    const passwordHash = await this.passwords.hash(newPassword);
    return this.tx.run(async (manager) => {
      const version = await this.storePassword(manager, user.id, passwordHash);
      await this.audit.record(manager, scope.actor, {
        action: 'user.password_changed',
        subjectType: 'user',
        subjectId: user.id,
        organisationId: user.organisationId,
        changes: { sessionsEnded: true },
      });
      return version;
    });
  }

  /** Signing out, by the portal or the API: every session and token of this user ends. */
  async signOut(scope: AccessScope): Promise<void> {
    await this.tx.run(async (manager) => {
      await this.endSessions(manager, scope.userId);
      await this.audit.record(manager, scope.actor, {
        action: 'user.signed_out',
        subjectType: 'user',
        subjectId: scope.userId,
        organisationId: scope.organisationId,
        changes: { sessionsEnded: true },
      });
    });
  }

  /** Raises the user's session version, which ends every session and token issued before; returns the new one. */
  async endSessions(manager: EntityManager, userId: string): Promise<number> {
    await this.sessions.endAll(manager, userId);
    const result = await manager
      .createQueryBuilder()
      .update(User)
      .set({ sessionVersion: () => 'session_version + 1' })
      .where('id = :userId', { userId })
      .returning('session_version')
      .execute();
    return Number((result.raw as { session_version: number }[])[0]?.session_version ?? 0);
  }

  private async storePassword(
    manager: EntityManager,
    userId: string,
    passwordHash: string,
  ): Promise<number> {
    await manager.getRepository(User).update({ id: userId }, { passwordHash });
    return this.endSessions(manager, userId);
  }

  /** The user an invitation link belongs to, or the same error for unknown, used and expired links. */
  private async invitee(manager: EntityManager, token: string): Promise<User> {
    const record = await this.tokens.findUsable(manager, SET_PASSWORD_PURPOSE, token);
    const user = record
      ? await manager.getRepository(User).findOne({ where: { id: record.subjectId } })
      : null;
    if (!user || user.disabledAt) throw invalidLink();
    return user;
  }
}

function invalidLink(): IdentityError {
  return new IdentityError('LINK_INVALID', 'This link is invalid or has expired');
}
