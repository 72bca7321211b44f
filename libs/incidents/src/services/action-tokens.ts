import { Injectable } from '@nestjs/common';
import { hashToken, OneTimeToken, OneTimeTokenService } from '@app/identity';
import { EntityManager, IsNull } from 'typeorm';
import {
  INCIDENT_ACTION_PURPOSE,
  INCIDENT_ACTION_SUBJECT,
  INCIDENT_ESCALATION_PURPOSE,
  INCIDENT_ESCALATION_SUBJECT,
} from '../domain/action-token';

/**
 * An emailed link's tokens for one kind of subject, kept in one_time_token (SHA-256 only), one per
 * recipient: a fresh one revokes the recipient's earlier ones, the subject's outcome revokes all.
 */
class SubjectLinkTokens {
  constructor(
    private readonly tokens: OneTimeTokenService,
    private readonly purpose: string,
    private readonly subjectType: string,
  ) {}

  /** A fresh token for that recipient, their earlier ones for this subject revoked (a retried send). */
  async issue(
    manager: EntityManager,
    subjectId: string,
    recipient: string,
    ttlSeconds: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    await manager
      .createQueryBuilder()
      .update(OneTimeToken)
      .set({ usedAt: () => 'now()' })
      .where({ purpose: this.purpose, subjectId, recipient, usedAt: IsNull() })
      .execute();
    const { token, record } = await this.tokens.issue(manager, {
      purpose: this.purpose,
      subjectType: this.subjectType,
      subjectId,
      recipient,
      ttlSeconds,
    });
    return { token, expiresAt: record.expiresAt };
  }

  /** A decision, an acknowledgement or a timeout ends every unused link of the subject. */
  async revoke(manager: EntityManager, subjectId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(OneTimeToken)
      .set({ usedAt: () => 'now()' })
      .where({ purpose: this.purpose, subjectId, usedAt: IsNull() })
      .execute();
  }

  /** The usable token's record (locked), or null for malformed, unknown, used and expired alike. */
  async usable(manager: EntityManager, token: string, lock: boolean): Promise<OneTimeToken | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const qb = manager
      .getRepository(OneTimeToken)
      .createQueryBuilder('t')
      .where('t.purpose = :purpose AND t.token_hash = :hash', {
        purpose: this.purpose,
        hash: hashToken(token),
      });
    if (lock) qb.setLock('pessimistic_write');
    const record = await qb.getOne();
    if (!record || record.usedAt !== null || this.tokens.hasExpired(record)) return null;
    if (record.subjectType !== this.subjectType) return null;
    return record;
  }
}

/** The approve/decline links of response actions. */
@Injectable()
export class ActionTokens extends SubjectLinkTokens {
  constructor(tokens: OneTimeTokenService) {
    super(tokens, INCIDENT_ACTION_PURPOSE, INCIDENT_ACTION_SUBJECT);
  }
}

/** The acknowledgement links of escalation contacts. */
@Injectable()
export class EscalationTokens extends SubjectLinkTokens {
  constructor(tokens: OneTimeTokenService) {
    super(tokens, INCIDENT_ESCALATION_PURPOSE, INCIDENT_ESCALATION_SUBJECT);
  }
}
