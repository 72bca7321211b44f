import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import type { AccessScope } from '@app/identity';
import { Clock, TransactionRunner } from '@app/platform';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { CalendarFeedToken } from './calendar-feed-token.entity';

/** Calendar feed tokens start with this, so a leaked one is recognisable. */
export const CALENDAR_TOKEN_PREFIX = 'mdrc_';
const TOKEN_SHAPE = /^mdrc_[A-Za-z0-9_-]{43}$/;

/** 256 random bits need no slow hash: nothing to guess from a list. */
export function hashCalendarToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** TypeORM's postgres driver answers an UPDATE ... RETURNING with [rows, affectedCount]. */
function returned<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}

export interface CalendarFeedStatus {
  active: boolean;
  createdAt: Date | null;
  lastUsedAt: Date | null;
}

/**
 * A person's own calendar feed link: issued (a new one replaces the live one), revoked, and
 * looked up by the token a calendar app presents. The token is shown once, when issued; only its
 * SHA-256 is stored. Issuing and revoking are audited in the same transaction.
 */
@Injectable()
export class CalendarFeedTokensService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async status(scope: AccessScope): Promise<CalendarFeedStatus> {
    const live = await this.tx.manager
      .getRepository(CalendarFeedToken)
      .findOneBy({ userId: scope.userId, revokedAt: IsNull() });
    return {
      active: live !== null,
      createdAt: live?.createdAt ?? null,
      lastUsedAt: live?.lastUsedAt ?? null,
    };
  }

  /** A new link; the live one, if any, stops working in the same transaction. */
  async issue(scope: AccessScope): Promise<{ token: string }> {
    const token = CALENDAR_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    await this.tx.run(async (manager) => {
      const now = this.clock.now();
      const replaced = await this.revokeLive(manager, scope.userId, now);
      const row = manager.getRepository(CalendarFeedToken).create({
        userId: scope.userId,
        tokenHash: hashCalendarToken(token),
        createdAt: now,
        revokedAt: null,
        lastUsedAt: null,
      });
      await manager.getRepository(CalendarFeedToken).insert(row);
      await this.audit.record(manager, scope.actor, {
        action: 'calendar_feed.issued',
        subjectType: 'calendar_feed_token',
        subjectId: row.id,
        organisationId: scope.organisationId,
        changes: { userId: scope.userId, replaced: replaced ?? null },
      });
    });
    return { token };
  }

  /** Stops the live link; false when there was none. */
  async revoke(scope: AccessScope): Promise<boolean> {
    return this.tx.run(async (manager) => {
      const revoked = await this.revokeLive(manager, scope.userId, this.clock.now());
      if (!revoked) return false;
      await this.audit.record(manager, scope.actor, {
        action: 'calendar_feed.revoked',
        subjectType: 'calendar_feed_token',
        subjectId: revoked,
        organisationId: scope.organisationId,
        changes: { userId: scope.userId },
      });
      return true;
    });
  }

  /** Whose live link this token is (null: malformed, unknown or revoked); notes its use. */
  async userOf(token: string, manager: EntityManager): Promise<string | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const rows = returned<{ user_id: string }>(
      await manager.query(
        `UPDATE calendar_feed_token SET last_used_at = $2
        WHERE token_hash = $1 AND revoked_at IS NULL
        RETURNING user_id`,
        [hashCalendarToken(token), this.clock.now()],
      ),
    );
    return rows[0]?.user_id ?? null;
  }

  private async revokeLive(
    manager: EntityManager,
    userId: string,
    now: Date,
  ): Promise<string | null> {
    const rows = returned<{ id: string }>(
      await manager.query(
        `UPDATE calendar_feed_token SET revoked_at = $2
        WHERE user_id = $1 AND revoked_at IS NULL
        RETURNING id`,
        [userId, now],
      ),
    );
    return rows[0]?.id ?? null;
  }
}
