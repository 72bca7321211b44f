import { DataSource } from 'typeorm';
import { AuditChainHead } from './audit-chain-head.entity';
import { AuditRecord } from './audit-record.entity';
import { ChainProblem, ChainWalker } from './chain-walker';

export type AuditProblem = ChainProblem;

export interface AuditVerification {
  ok: boolean;
  checked: number;
  chains: number;
  problem?: AuditProblem;
}

const BATCH = 1000;

/**
 * Walks every chain (each engagement's and the platform's) in order and names the first record
 * that was altered, inserted or deleted, or a chain whose end no longer matches its head.
 */
export async function verifyAuditChains(dataSource: DataSource): Promise<AuditVerification> {
  const heads = new Map(
    (await dataSource.getRepository(AuditChainHead).find()).map((h) => [h.chain, h]),
  );
  let checked = 0;
  let chains = 0;
  let walker = null as ChainWalker | null;
  let after: { chain: string; chainSeq: string } = { chain: '', chainSeq: '0' };
  const close = (current: ChainWalker): ChainProblem | null => {
    chains += 1;
    const problem = current.finish(heads.get(current.chain));
    heads.delete(current.chain);
    return problem;
  };
  for (;;) {
    const batch = await dataSource
      .getRepository(AuditRecord)
      .createQueryBuilder('a')
      .where('(a.chain, a.chain_seq) > (:chain, :chainSeq)', after)
      .orderBy('a.chain', 'ASC')
      .addOrderBy('a.chain_seq', 'ASC')
      .limit(BATCH)
      .getMany();
    for (const record of batch) {
      if (walker?.chain !== record.chain) {
        const problem = walker ? close(walker) : null;
        if (problem) return { ok: false, checked, chains, problem };
        walker = new ChainWalker(record.chain);
      }
      const problem = walker.accept(record);
      if (problem) return { ok: false, checked, chains, problem };
      checked += 1;
    }
    if (batch.length < BATCH) break;
    const last = batch[batch.length - 1];
    after = { chain: last.chain, chainSeq: last.chainSeq };
  }
  const problem = walker ? close(walker) : null;
  if (problem) return { ok: false, checked, chains, problem };
  for (const head of heads.values()) {
    if (head.seq !== '0') {
      const missing = new ChainWalker(head.chain).finish(head);
      if (missing)
        return {
          ok: false,
          checked,
          chains,
          problem: {
            ...missing,
            message: `chain ${head.chain} has no records left but its head is #${head.seq} (deleted)`,
          },
        };
    }
  }
  return { ok: true, checked, chains };
}

/** The name it had when there was one chain; it now walks every chain. */
export const verifyAuditChain = verifyAuditChains;
