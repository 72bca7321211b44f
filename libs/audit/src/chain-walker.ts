import { auditHash, GENESIS_HASH, HashedFields } from './audit-hash';

export type ChainProblemKind = 'altered' | 'missing' | 'inserted' | 'truncated';

export interface ChainProblem {
  kind: ChainProblemKind;
  chain: string;
  /** The global seq of the record concerned (the expected position's, for a missing one). */
  seq: string | null;
  chainSeq: string;
  message: string;
}

export type WalkedRecord = HashedFields & { seq: string; hash: string };

/**
 * Walks one chain record by record, from its first: each must come next (contiguous chainSeq),
 * link to the one before (prevHash) and match its own hash.
 */
export class ChainWalker {
  private expected = 1n;
  private previous = GENESIS_HASH;

  constructor(readonly chain: string) {}

  get lastSeq(): bigint {
    return this.expected - 1n;
  }

  get lastHash(): string {
    return this.previous;
  }

  accept(record: WalkedRecord): ChainProblem | null {
    const position = BigInt(record.chainSeq);
    const name = `audit record ${record.seq} (${this.chain} #${record.chainSeq})`;
    if (position !== this.expected) {
      return {
        kind: 'missing',
        chain: this.chain,
        seq: null,
        chainSeq: String(this.expected),
        message: `audit record ${this.chain} #${this.expected} is missing (deleted); the next record of the chain is #${position} (seq ${record.seq})`,
      };
    }
    if (record.prevHash !== this.previous) {
      return {
        kind: 'inserted',
        chain: this.chain,
        seq: record.seq,
        chainSeq: record.chainSeq,
        message: `${name} does not follow #${position - 1n} of its chain (inserted, reordered, or its predecessor replaced)`,
      };
    }
    if (auditHash(record) !== record.hash) {
      return {
        kind: 'altered',
        chain: this.chain,
        seq: record.seq,
        chainSeq: record.chainSeq,
        message: `${name} was altered: its content no longer matches its hash`,
      };
    }
    this.previous = record.hash;
    this.expected = position + 1n;
    return null;
  }

  /** The chain's records are all read: they must end where its head says. */
  finish(head: { seq: string; hash: string } | undefined): ChainProblem | null {
    if (!head) {
      return {
        kind: 'truncated',
        chain: this.chain,
        seq: null,
        chainSeq: String(this.lastSeq),
        message: `chain ${this.chain} has records but no head`,
      };
    }
    if (BigInt(head.seq) !== this.lastSeq || head.hash !== this.previous) {
      return {
        kind: 'truncated',
        chain: this.chain,
        seq: null,
        chainSeq: String(this.lastSeq),
        message: `chain ${this.chain} ends at #${this.lastSeq} but its head is #${head.seq} (records removed from its end, or the head rewritten)`,
      };
    }
    return null;
  }
}
