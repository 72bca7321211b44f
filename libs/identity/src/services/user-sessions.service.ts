import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { Clock, NotFoundException, TransactionRunner } from '@app/platform';
import { EntityManager, IsNull } from 'typeorm';
import {
  UserSession,
  UserSessionAuthMethod,
  UserSessionKind,
} from '../entities/user-session.entity';
import { AccessScope } from '@app/access';

export interface SessionStart {
  userId: string;
  organisationId: string | null;
  kind: UserSessionKind;
  /** Default 'password'. An 'sso' session's second factor was the organisation provider's to ask (mfaSatisfied). */
  authMethod?: UserSessionAuthMethod;
  ttlSeconds: number;
  ip: string | null;
  userAgent: string | null;
}

export interface UserSessionView {
  id: string;
  kind: UserSessionKind;
  createdAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  /** The session or token this request came with. */
  current: boolean;
}

/**
 * A person's portal sessions and bearer tokens: started at sign-in (audited), listed for their
 * owner, ended one at a time (audited) or all at once (see UserCredentialsService.endSessions).
 */
@Injectable()
export class UserSessionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Records a new session or token; returns its id, which the cookie or token carries. */
  start(input: SessionStart): Promise<string> {
    return this.tx.run(async (manager) => {
      const now = this.clock.now();
      const row = manager.getRepository(UserSession).create({
        userId: input.userId,
        kind: input.kind,
        authMethod: input.authMethod ?? 'password',
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.ttlSeconds * 1000),
        ip: input.ip,
        userAgent: input.userAgent ? input.userAgent.slice(0, 500) : null,
        revokedAt: null,
      });
      await manager.getRepository(UserSession).insert(row);
      await this.audit.record(
        manager,
        {
          userId: input.userId,
          organisationId: input.organisationId,
          ip: input.ip,
          userAgent: input.userAgent,
        },
        {
          action: 'user.session_started',
          subjectType: 'user_session',
          subjectId: row.id,
          organisationId: input.organisationId,
          changes: { kind: input.kind, authMethod: input.authMethod ?? 'password' },
        },
      );
      return row.id;
    });
  }

  /** The caller's sessions and tokens that have not ended, newest first. */
  async list(scope: AccessScope): Promise<UserSessionView[]> {
    const rows = await this.tx.manager
      .getRepository(UserSession)
      .createQueryBuilder('s')
      .where('s.user_id = :userId AND s.revoked_at IS NULL AND s.expires_at > :now', {
        userId: scope.userId,
        now: this.clock.now(),
      })
      .orderBy('s.created_at', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
    return rows.map((s) => ({
      id: s.id,
      kind: s.kind,
      createdAt: s.createdAt,
      expiresAt: s.expiresAt,
      ip: s.ip,
      userAgent: s.userAgent,
      current: s.id === scope.grant.sessionId,
    }));
  }

  /** Ends one of the caller's own sessions or tokens (another person's answers 404). */
  revoke(scope: AccessScope, id: string): Promise<void> {
    return this.tx.run(async (manager) => {
      const row = await manager
        .getRepository(UserSession)
        .findOne({ where: { id, userId: scope.userId } });
      if (!row) throw new NotFoundException('Session');
      if (row.revokedAt) return;
      await manager.getRepository(UserSession).update({ id }, { revokedAt: this.clock.now() });
      await this.audit.record(manager, scope.actor, {
        action: 'user.session_revoked',
        subjectType: 'user_session',
        subjectId: id,
        organisationId: scope.organisationId,
        changes: { kind: row.kind, current: id === scope.grant.sessionId },
      });
    });
  }

  /** Marks every open session of the user ended, with the session version raise that ends them. */
  async endAll(manager: EntityManager, userId: string): Promise<void> {
    await manager
      .getRepository(UserSession)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }
}
