import { Injectable } from '@nestjs/common';
import { hashToken, OneTimeToken, OneTimeTokenService } from '@app/identity';
import { EntityManager, In, IsNull } from 'typeorm';
import {
  DOMAIN_CONFIRMATION_PURPOSE,
  DOMAIN_CONFIRMATION_SUBJECT,
  isWellFormedToken,
} from '../domain/confirmation-token';
import { DomainConfirmation } from '../entities/domain-confirmation.entity';

/** The confirmation links' tokens, kept in one_time_token (SHA-256 only) like set-password links. */
@Injectable()
export class ConfirmationTokens {
  constructor(private readonly tokens: OneTimeTokenService) {}

  /** A fresh token for the request, the request's earlier ones revoked (a retried send). */
  async issue(
    manager: EntityManager,
    confirmation: DomainConfirmation,
    ttlSeconds: number,
  ): Promise<{ token: string; expiresAt: Date }> {
    await this.revoke(manager, [confirmation.id]);
    const { token, record } = await this.tokens.issue(manager, {
      purpose: DOMAIN_CONFIRMATION_PURPOSE,
      subjectType: DOMAIN_CONFIRMATION_SUBJECT,
      subjectId: confirmation.id,
      recipient: confirmation.recipient,
      ttlSeconds,
    });
    return { token, expiresAt: record.expiresAt };
  }

  /** Marks every unused token of these requests used: a resend or a decision ends them. */
  async revoke(manager: EntityManager, confirmationIds: string[]): Promise<void> {
    if (confirmationIds.length === 0) return;
    await manager
      .createQueryBuilder()
      .update(OneTimeToken)
      .set({ usedAt: () => 'now()' })
      .where({
        purpose: DOMAIN_CONFIRMATION_PURPOSE,
        subjectId: In(confirmationIds),
        usedAt: IsNull(),
      })
      .execute();
  }

  /** The token's record whatever its state (the caller decides), or null for a malformed/unknown one. */
  async find(manager: EntityManager, token: string, lock = false): Promise<OneTimeToken | null> {
    if (!isWellFormedToken(token)) return null;
    const qb = manager
      .getRepository(OneTimeToken)
      .createQueryBuilder('t')
      .where('t.purpose = :purpose AND t.token_hash = :hash', {
        purpose: DOMAIN_CONFIRMATION_PURPOSE,
        hash: hashToken(token),
      });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }
}
