import { DataSource } from 'typeorm';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { AuditRecord } from './audit-record.entity';

export type AuditProblem =
  | { kind: 'altered'; seq: string; message: string }
  | { kind: 'missing'; seq: string; message: string }
  | { kind: 'inserted'; seq: string; message: string };

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problem?: AuditProblem;
}

const BATCH = 1000;

/** Walks the chain in order and names the first record that was altered, inserted or deleted. */
export async function verifyAuditChain(dataSource: DataSource): Promise<AuditVerification> {
  const repo = dataSource.getRepository(AuditRecord);
  let expectedSeq = 1n;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const batch = await repo
      .createQueryBuilder('a')
      .where('a.seq >= :from', { from: String(expectedSeq) })
      .orderBy('a.seq', 'ASC')
      .limit(BATCH)
      .getMany();
    if (batch.length === 0) return { ok: true, checked };
    for (const record of batch) {
      const seq = BigInt(record.seq);
      if (seq !== expectedSeq) {
        return fail(checked, 'missing', String(expectedSeq),
          `audit record ${expectedSeq} is missing (deleted); the next record is ${seq}`);
      }
      if (record.prevHash !== prevHash) {
        return fail(checked, 'inserted', record.seq,
          `audit record ${record.seq} does not follow record ${seq - 1n} (inserted, or its predecessor replaced)`);
      }
      if (auditHash(record) !== record.hash) {
        return fail(checked, 'altered', record.seq,
          `audit record ${record.seq} was altered: its content no longer matches its hash`);
      }
      prevHash = record.hash;
      expectedSeq = seq + 1n;
      checked += 1;
    }
  }
}

function fail(checked: number, kind: AuditProblem['kind'], seq: string, message: string): AuditVerification {
  return { ok: false, checked, problem: { kind, seq, message } };
}
