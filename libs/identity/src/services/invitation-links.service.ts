import { Global, Inject, Injectable, Module } from '@nestjs/common';
import { InvitationLinks, INVITATION_LINKS } from '@app/notify/jobs/invitation-links';
import { APP_CONFIG, AppConfig, TransactionRunner } from '@app/platform';
import { User } from '../entities/user.entity';
import { OneTimeTokenService } from './one-time-token.service';

export const SET_PASSWORD_PURPOSE = 'set-password';
const INVITATION_TTL_SECONDS = 7 * 24 * 3600;

/** Set-password links for invited users, issued when their welcome mail is sent. */
@Injectable()
class InvitationLinksService implements InvitationLinks {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tokens: OneTimeTokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  linkFor(userId: string): Promise<string | null> {
    return this.tx.run(async (manager) => {
      const user = await manager
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.id = :id', { id: userId })
        .getOne();
      if (!user || user.passwordHash) return null;
      const { token } = await this.tokens.issue(manager, {
        purpose: SET_PASSWORD_PURPOSE,
        subjectType: 'user',
        subjectId: user.id,
        recipient: user.email,
        ttlSeconds: INVITATION_TTL_SECONDS,
      });
      return `${this.config.publicUrl}/set-password?token=${token}`;
    });
  }
}

/** Gives the mail worker (wherever it runs) the issuer of invitation links. */
@Global()
@Module({
  providers: [
    OneTimeTokenService,
    InvitationLinksService,
    { provide: INVITATION_LINKS, useExisting: InvitationLinksService },
  ],
  exports: [INVITATION_LINKS],
})
export class InvitationLinksModule {}
