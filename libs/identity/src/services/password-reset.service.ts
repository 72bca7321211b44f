import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { OutboxService } from '@app/notify';
import { TransactionRunner } from '@app/platform';
import { IdentityError } from '../identity-errors';
import { User } from '../entities/user.entity';
import { OneTimeTokenService } from './one-time-token.service';
import { PasswordPolicy, personalWords } from './password-policy';
import { PASSWORD_RESET_PURPOSE } from './password-reset';
import { PasswordService } from './password.service';
import { ReaderZones } from './reader-zones.service';
import type { Language } from '@app/access';
import { RequestActor, UserCredentialsService } from './user-credentials.service';
import { SsoDirectory } from '../sso/sso-directory';
import { passwordSignInDisabled } from './login.service';

/**
 * "Forgot password": a mail with a single-use, short-lived link (its token issued when the mail
 * is sent, only its SHA-256 stored). Asking answers the same whether or not the address is a
 * user's; choosing the new password ends every session and token of that user.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly tokens: OneTimeTokenService,
    private readonly passwords: PasswordService,
    private readonly policy: PasswordPolicy,
    private readonly credentials: UserCredentialsService,
    private readonly zones: ReaderZones,
    private readonly sso: SsoDirectory,
  ) {}

  /**
   * Mails a link when the address is an active user's; says nothing either way. An address whose
   * domain signs in through a provider with passwords off is told so (PASSWORD_SIGN_IN_DISABLED,
   * from the domain alone); a person of such an organisation with another address gets no mail.
   */
  async request(email: string, actor: RequestActor): Promise<void> {
    if (await this.sso.passwordsDisabled(email, null)) throw passwordSignInDisabled();
    const user = await this.tx.manager
      .getRepository(User)
      .findOne({ where: { email: email.trim().toLowerCase() } });
    if (!user || user.disabledAt) return;
    if (await this.sso.passwordsDisabled(user.email, user.organisationId)) return;
    await this.tx.run(async (manager) => {
      await this.outbox.add(manager, 'password-reset', { userId: user.id });
      await this.audit.record(
        manager,
        { ...actor, userId: null, organisationId: null },
        {
          action: 'user.password_reset_requested',
          subjectType: 'user',
          subjectId: user.id,
          organisationId: user.organisationId,
          changes: {},
        },
      );
    });
  }

  /** Whose a usable reset link is, in their language and zone (for its page); null when unusable. */
  async recipientOf(token: string): Promise<{ language: Language; timeZone: string } | null> {
    const user = await this.usableUser(token);
    return user ? { language: user.language, timeZone: await this.zones.ofUser(user.id) } : null;
  }

  /** Sets the new password through the link (single use); every session and token of the user ends. */
  async reset(token: string, newPassword: string, actor: RequestActor): Promise<void> {
    const user = await this.usableUser(token);
    if (!user) throw invalidLink();
    // A link mailed before the organisation turned passwords off.
    if (await this.sso.passwordsDisabled(user.email, user.organisationId))
      throw passwordSignInDisabled();
    this.policy.assertAcceptable(newPassword, personalWords(user), 'newPassword');
    const passwordHash = await this.passwords.hash(newPassword);
    await this.tx.run(async (manager) => {
      const record = await this.tokens.findUsable(manager, PASSWORD_RESET_PURPOSE, token);
      if (!record || record.subjectId !== user.id || !(await this.tokens.consume(manager, record)))
        throw invalidLink();
      await manager.getRepository(User).update({ id: user.id }, { passwordHash });
      await this.credentials.endSessions(manager, user.id);
      await this.audit.record(
        manager,
        { ...actor, userId: user.id, organisationId: user.organisationId },
        {
          action: 'user.password_reset',
          subjectType: 'user',
          subjectId: user.id,
          organisationId: user.organisationId,
          changes: { sessionsEnded: true },
        },
      );
    });
  }

  private async usableUser(token: string): Promise<User | null> {
    const record = await this.tokens.findUsable(this.tx.manager, PASSWORD_RESET_PURPOSE, token);
    const user = record
      ? await this.tx.manager.getRepository(User).findOne({ where: { id: record.subjectId } })
      : null;
    return user && !user.disabledAt ? user : null;
  }
}

function invalidLink(): IdentityError {
  return new IdentityError('LINK_INVALID', 'This link is invalid or has expired');
}
