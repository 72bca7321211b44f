import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { chainOf } from '@app/audit/audit-chains';
import { mayExportAudit } from '@app/audit/audit-export.service';
import { AccessScope, isEngagementVisible } from '@app/access';
import { APP_CONFIG, AppConfig, ForbiddenException, NotFoundException } from '@app/platform';
import { DataSource, EntityManager } from 'typeorm';
import { messageOf } from './checkpoint.service';
import { AuditCheckpoint, AuditSigningKey, CheckpointStatement } from './entities';
import { inclusionProof } from './merkle';
import type { CheckpointMessage } from './signed-messages';

/**
 * What a customer keeps: one checkpoint's signed root, their chain's head in it, the proof that
 * the head is a leaf of that root, and the key. Whoever holds it can later show that a chain the
 * provider presents either extends this head or was rewritten.
 */
export interface StatementDocument {
  type: 'mdr-portal/checkpoint-statement/v1';
  portal: string;
  engagementId: string;
  chain: string;
  head: { seq: string; hash: string };
  checkpoint: CheckpointMessage & { signature: string };
  inclusion: { leafIndex: number; auditPath: string[] };
  key: { keyId: string; algorithm: 'Ed25519'; publicKey: string };
}

export interface StatementSummary {
  id: string;
  checkpointId: string;
  reason: AuditCheckpoint['reason'];
  issuedAt: Date;
  chainSeq: string;
  chainHash: string;
  root: string;
  keyId: string;
}

/** The compact form printed in mail: the statement's JSON, base64url. */
export function statementCode(document: StatementDocument): string {
  return Buffer.from(JSON.stringify(document), 'utf8').toString('base64url');
}

/** Builds checkpoint statements, and lists an engagement's (scoped). */
@Injectable()
export class CheckpointStatements {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 404 outside the caller's scope; 403 for roles that may not take the audit log away. */
  async checkAccess(scope: AccessScope, engagementId: string): Promise<void> {
    if (!(await isEngagementVisible(this.dataSource, scope, engagementId)))
      throw new NotFoundException('Engagement');
    if (!mayExportAudit(scope))
      throw new ForbiddenException(
        'Only the engagement’s provider lead, account managers and the customer’s security lead see its checkpoint statements',
      );
  }

  async list(scope: AccessScope, engagementId: string): Promise<StatementSummary[]> {
    await this.checkAccess(scope, engagementId);
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.checkpoint_id AS "checkpointId", c.reason, c.issued_at AS "issuedAt", s.chain_seq::text AS "chainSeq",
              s.chain_hash AS "chainHash", c.root, c.key_id AS "keyId"
         FROM checkpoint_statement s JOIN audit_checkpoint c ON c.id = s.checkpoint_id
        WHERE s.engagement_id = $1 ORDER BY c.number DESC`,
      [engagementId],
    )) as StatementSummary[];
    return rows;
  }

  async get(
    scope: AccessScope,
    engagementId: string,
    statementId: string,
  ): Promise<StatementDocument> {
    await this.checkAccess(scope, engagementId);
    const statement = await this.dataSource
      .getRepository(CheckpointStatement)
      .findOneBy({ id: statementId, engagementId });
    if (!statement) throw new NotFoundException('Checkpoint statement');
    return this.document(this.dataSource.manager, statement.checkpointId, engagementId);
  }

  /** The statement of one engagement in one checkpoint (404 when its chain is not in it). */
  async document(
    manager: EntityManager,
    checkpointId: string,
    engagementId: string,
  ): Promise<StatementDocument> {
    const checkpoint = await manager
      .getRepository(AuditCheckpoint)
      .findOneByOrFail({ id: checkpointId });
    const key = await manager
      .getRepository(AuditSigningKey)
      .findOneByOrFail({ keyId: checkpoint.keyId });
    const chain = chainOf(engagementId);
    const leafIndex = checkpoint.leaves.findIndex((l) => l.chain === chain);
    if (leafIndex < 0) throw new NotFoundException('Checkpoint statement');
    const leaf = checkpoint.leaves[leafIndex];
    return {
      type: 'mdr-portal/checkpoint-statement/v1',
      portal: this.config.publicUrl,
      engagementId,
      chain,
      head: { seq: leaf.seq, hash: leaf.hash },
      checkpoint: { ...messageOf(checkpoint), signature: checkpoint.signature },
      inclusion: { leafIndex, auditPath: inclusionProof(checkpoint.leaves, leafIndex) },
      key: { keyId: key.keyId, algorithm: key.algorithm, publicKey: key.publicKey },
    };
  }
}
