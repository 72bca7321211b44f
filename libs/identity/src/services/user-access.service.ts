import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { Clock, ForbiddenException, NotFoundException, TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { AccessScope, can } from '@app/access';
import { UserCredentialsService } from './user-credentials.service';
import { UserService, UserView } from './user.service';
import { IdentityError } from '../identity-errors';

/**
 * Disabling and enabling users. A platform admin manages everyone; an organisation's lead (a
 * customer's security lead, a provider's lead) manages its own organisation's people. Others in
 * the same organisation get 403; a user of another organisation answers 404. Disabling ends
 * every session and token of the user at once; enabling does not bring them back.
 */
@Injectable()
export class UserAccessService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly users: UserService,
    private readonly credentials: UserCredentialsService,
    private readonly clock: Clock,
  ) {}

  disable(scope: AccessScope, userId: string): Promise<UserView> {
    return this.change(scope, userId, true);
  }

  enable(scope: AccessScope, userId: string): Promise<UserView> {
    return this.change(scope, userId, false);
  }

  private change(scope: AccessScope, userId: string, disable: boolean): Promise<UserView> {
    return this.tx.run(async (manager) => {
      const user = await this.visibleUser(manager, scope, userId);
      if (!can(scope, 'user.disable')) {
        throw new ForbiddenException(
          "Only the organisation's lead or a platform admin disables or enables its users",
        );
      }
      if (user.id === scope.userId)
        throw new IdentityError(
          'CANNOT_CHANGE_OWN_ACCESS',
          'You cannot disable or enable yourself',
        );
      if (disable !== (user.disabledAt !== null)) {
        user.disabledAt = disable ? this.clock.now() : null;
        await manager.getRepository(User).update({ id: user.id }, { disabledAt: user.disabledAt });
        if (disable) await this.credentials.endSessions(manager, user.id);
        await this.audit.record(manager, scope.actor, {
          action: disable ? 'user.disabled' : 'user.enabled',
          subjectType: 'user',
          subjectId: user.id,
          organisationId: user.organisationId,
          changes: disable ? { sessionsEnded: true } : {},
        });
      }
      const memberships = await manager
        .getRepository(Membership)
        .find({ where: { userId: user.id } });
      return this.users.toView(user, memberships);
    });
  }

  /** The user when the scope may see them (the same organisation, or a platform admin); else 404. */
  private async visibleUser(
    manager: EntityManager,
    scope: AccessScope,
    userId: string,
  ): Promise<User> {
    const user = await manager
      .getRepository(User)
      .findOne({ where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    const visible =
      user &&
      (scope.isPlatformAdmin ||
        (scope.organisationId !== null && user.organisationId === scope.organisationId));
    if (!user || !visible) throw new NotFoundException('User');
    return user;
  }
}
