import { Injectable } from '@nestjs/common';
import { hashToken, OneTimeToken, OneTimeTokenService } from '@app/identity';
import { EntityManager, IsNull } from 'typeorm';
import { INCIDENT_ACTION_PURPOSE, INCIDENT_ACTION_SUBJECT } from '../domain/action-token';

/** The approve/decline links' tokens, kept in one_time_token (SHA-256 only), one per recipient. */
@Injectable()
export class ActionTokens {
  constructor(private readonly tokens: OneTimeTokenService) {}

  /** A fresh token for that recipient, their earlier ones for this request revoked (a retried send). */
  async issue(manager: EntityManager, actionId: string, recipient: string, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
    await manager
      .createQueryBuilder()
      .update(OneTimeToken)
      .set({ usedAt: () => 'now()' })
      .where({ purpose: INCIDENT_ACTION_PURPOSE, subjectId: actionId, recipient, usedAt: IsNull() })
      .execute();
    const { token, record } = await this.tokens.issue(manager, {
      purpose: INCIDENT_ACTION_PURPOSE,
      subjectType: INCIDENT_ACTION_SUBJECT,
      subjectId: actionId,
      recipient,
      ttlSeconds,
    });
    return { token, expiresAt: record.expiresAt };
  }

  /** A decision or the timeout ends every unused link of the request. */
  async revoke(manager: EntityManager, actionId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(OneTimeToken)
      .set({ usedAt: () => 'now()' })
      .where({ purpose: INCIDENT_ACTION_PURPOSE, subjectId: actionId, usedAt: IsNull() })
      .execute();
  }

  /** The usable token's record (locked), or null for malformed, unknown, used and expired alike. */
  async usable(manager: EntityManager, token: string, lock: boolean): Promise<OneTimeToken | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const qb = manager
      .getRepository(OneTimeToken)
      .createQueryBuilder('t')
      .where('t.purpose = :purpose AND t.token_hash = :hash', { purpose: INCIDENT_ACTION_PURPOSE, hash: hashToken(token) });
    if (lock) qb.setLock('pessimistic_write');
    const record = await qb.getOne();
    if (!record || record.usedAt !== null || record.expiresAt.getTime() <= Date.now()) return null;
    if (record.subjectType !== INCIDENT_ACTION_SUBJECT) return null;
    return record;
  }
}
