import { Injectable } from '@nestjs/common';
import { hashToken } from '@app/identity';
import { Clock } from '@app/platform';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { REPLY_TOKEN_DAYS } from '../domain/conversation-vocabulary';
import { ReplyToken } from '../entities';

/**
 * The tokens of comment mails' reply addresses: 20 random bytes in lower-case hex (mail systems
 * may fold the case of an address), kept as SHA-256 only, single-use and expiring.
 */
@Injectable()
export class ReplyTokens {
  constructor(private readonly clock: Clock) {}

  async issue(manager: EntityManager, commentId: string, userId: string): Promise<string> {
    const token = randomBytes(20).toString('hex');
    const now = this.clock.now();
    await manager.getRepository(ReplyToken).insert({
      tokenHash: hashToken(token),
      commentId,
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + REPLY_TOKEN_DAYS * 24 * 3600_000),
      usedAt: null,
    });
    return token;
  }

  /** The token's record, locked, when unused and unexpired; null otherwise. */
  async usable(manager: EntityManager, token: string): Promise<ReplyToken | null> {
    const record = await manager
      .getRepository(ReplyToken)
      .createQueryBuilder('t')
      .where('t.token_hash = :hash', { hash: hashToken(token.toLowerCase()) })
      .setLock('pessimistic_write')
      .getOne();
    if (!record || record.usedAt !== null) return null;
    if (record.expiresAt.getTime() <= this.clock.nowMs()) return null;
    return record;
  }

  async consume(manager: EntityManager, record: ReplyToken): Promise<void> {
    await manager.getRepository(ReplyToken).update(record.id, { usedAt: this.clock.now() });
  }
}
