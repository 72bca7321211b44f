import { Injectable } from '@nestjs/common';
import { engagementOfChain } from '@app/audit/audit-chains';
import { OutboxService } from '@app/notify';
import { Clock } from '@app/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuditCheckpoint, CheckpointReason, CheckpointStatement } from './entities';
import { ChainLeaf, merkleRoot, sortLeaves } from './merkle';
import { checkpointMessageBytes, CheckpointMessage } from './signed-messages';
import { SigningKeys } from './signing-keys.service';

export function messageOf(checkpoint: AuditCheckpoint): CheckpointMessage {
  return {
    type: 'mdr-portal/checkpoint/v1',
    id: checkpoint.id,
    issuedAt: checkpoint.issuedAt.toISOString(),
    reason: checkpoint.reason,
    treeSize: checkpoint.treeSize,
    root: checkpoint.root,
    keyId: checkpoint.keyId,
  };
}

/**
 * Signs the heads of all chains as one Merkle root (RFC 6962), and gives each engagement
 * concerned its statement: the engagement whose service start or bundle asked for the
 * checkpoint, or, for the interval's, every engagement; each only where its chain moved since
 * its last statement. Each statement is mailed to the customer's security leads through the
 * outbox, in the caller's transaction.
 */
@Injectable()
export class CheckpointService {
  constructor(
    private readonly keys: SigningKeys,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  async issue(
    manager: EntityManager,
    reason: CheckpointReason,
    subjectEngagementId: string | null = null,
  ): Promise<AuditCheckpoint> {
    if (!manager.queryRunner?.isTransactionActive)
      throw new Error('Checkpoints are issued inside a transaction');
    const heads = (await manager.query(
      `SELECT chain, seq::text AS seq, hash FROM audit_chain_head WHERE seq > 0`,
    )) as ChainLeaf[];
    const leaves = sortLeaves(heads.map((h) => ({ chain: h.chain, seq: h.seq, hash: h.hash })));
    const key = this.keys.current;
    const checkpoint = manager.getRepository(AuditCheckpoint).create({
      id: randomUUID(),
      issuedAt: this.clock.now(),
      reason,
      subjectEngagementId,
      treeSize: leaves.length,
      root: merkleRoot(leaves),
      leaves,
      keyId: key.keyId,
    });
    checkpoint.signature = this.keys.sign(checkpointMessageBytes(messageOf(checkpoint)));
    await manager.getRepository(AuditCheckpoint).insert(checkpoint);
    for (const leaf of await this.concerned(manager, leaves, reason, subjectEngagementId)) {
      await this.state(manager, checkpoint, leaf);
    }
    return checkpoint;
  }

  /**
   * The engagements to give a statement: the subject of a service start or bundle, or every
   * engagement for the interval's; in each case only where the chain moved since the
   * engagement's last statement (a second bundle of an unchanged chain tells nothing new).
   */
  private async concerned(
    manager: EntityManager,
    leaves: ChainLeaf[],
    reason: CheckpointReason,
    subject: string | null,
  ): Promise<ChainLeaf[]> {
    const candidates = leaves.filter((l) => {
      const engagementId = engagementOfChain(l.chain);
      return engagementId !== null && (reason === 'interval' || engagementId === subject);
    });
    if (candidates.length === 0) return [];
    const last = (await manager.query(
      `SELECT DISTINCT ON (engagement_id) engagement_id AS "engagementId", chain_seq::text AS seq
         FROM checkpoint_statement WHERE engagement_id = ANY($1::uuid[]) ORDER BY engagement_id, created_at DESC`,
      [candidates.map((l) => engagementOfChain(l.chain))],
    )) as { engagementId: string; seq: string }[];
    const told = new Map(last.map((l) => [l.engagementId, l.seq]));
    return candidates.filter((l) => told.get(engagementOfChain(l.chain) as string) !== l.seq);
  }

  private async state(
    manager: EntityManager,
    checkpoint: AuditCheckpoint,
    leaf: ChainLeaf,
  ): Promise<void> {
    const engagementId = engagementOfChain(leaf.chain) as string;
    const statement = manager.getRepository(CheckpointStatement).create({
      id: randomUUID(),
      checkpointId: checkpoint.id,
      engagementId,
      chainSeq: leaf.seq,
      chainHash: leaf.hash,
      createdAt: checkpoint.issuedAt,
    });
    await manager.getRepository(CheckpointStatement).insert(statement);
    const leads = (await manager.query(
      `SELECT DISTINCT m.user_id AS "userId" FROM engagement e JOIN membership m ON m.organisation_id = e.customer_organisation_id
        WHERE e.id = $1 AND m.role = 'customer_security_lead' ORDER BY m.user_id`,
      [engagementId],
    )) as { userId: string }[];
    for (const lead of leads)
      await this.outbox.add(manager, 'checkpoint-statement', {
        statementId: statement.id,
        userId: lead.userId,
      });
  }
}
