import { Injectable } from '@nestjs/common';
import { Clock } from '@app/platform';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { OneTimeToken } from '../entities/one-time-token.entity';

export interface IssuedToken {
  token: string;
  record: OneTimeToken;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 256-bit random tokens; only their SHA-256 is stored; single-use and expiring. */
@Injectable()
export class OneTimeTokenService {
  constructor(private readonly clock: Clock) {}

  async issue(
    manager: EntityManager,
    input: {
      purpose: string;
      subjectType: string;
      subjectId: string;
      recipient: string;
      ttlSeconds: number;
    },
  ): Promise<IssuedToken> {
    const token = randomBytes(32).toString('base64url');
    const record = manager.getRepository(OneTimeToken).create({
      purpose: input.purpose,
      tokenHash: hashToken(token),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      recipient: input.recipient,
      expiresAt: new Date(this.clock.nowMs() + input.ttlSeconds * 1000),
      usedAt: null,
    });
    await manager.getRepository(OneTimeToken).insert(record);
    return { token, record };
  }

  /** The live token for that purpose, or null for unknown, used and expired alike. */
  async findUsable(
    manager: EntityManager,
    purpose: string,
    token: string,
  ): Promise<OneTimeToken | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const record = await manager.getRepository(OneTimeToken).findOne({
      where: { purpose, tokenHash: hashToken(token), usedAt: IsNull() },
    });
    if (!record || this.hasExpired(record)) return null;
    return record;
  }

  /** Expiry by the business clock, like every other date the portal decides on. */
  hasExpired(record: Pick<OneTimeToken, 'expiresAt'>): boolean {
    return record.expiresAt.getTime() <= this.clock.nowMs();
  }

  /** Marks it used; false when another request used it first (single use under concurrency). */
  async consume(manager: EntityManager, record: OneTimeToken): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(OneTimeToken)
      .set({ usedAt: this.clock.now() })
      .where('id = :id AND used_at IS NULL', { id: record.id })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
