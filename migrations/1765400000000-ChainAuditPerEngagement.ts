import { MigrationInterface, QueryRunner } from 'typeorm';
import { chainOf } from '../libs/audit/src/audit-chains';
import { auditHash, GENESIS_HASH } from '../libs/audit/src/audit-hash';
import { legacyAuditHash } from '../libs/audit/src/legacy-global-chain';

const BATCH = 1000;

interface StoredRecord {
  seq: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  actor_ip: string | null;
  actor_user_agent: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  organisation_id: string | null;
  engagement_id: string | null;
  changes: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  chain?: string;
  chain_seq?: string;
}

const fieldsOf = (r: StoredRecord) => ({
  seq: r.seq,
  occurredAt: r.occurred_at,
  actorUserId: r.actor_user_id,
  actorOrganisationId: r.actor_organisation_id,
  actorIp: r.actor_ip,
  actorUserAgent: r.actor_user_agent,
  action: r.action,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  organisationId: r.organisation_id,
  engagementId: r.engagement_id,
  changes: r.changes,
});

/** Every record in `order`, in batches (keyset paging on the columns of `order`). */
async function* recordsOf(q: QueryRunner, order: 'seq' | 'chain'): AsyncGenerator<StoredRecord> {
  let after: unknown[] = order === 'seq' ? ['0'] : ['', '0'];
  for (;;) {
    const batch = (await q.query(
      order === 'seq'
        ? `SELECT * FROM audit_record WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`
        : `SELECT * FROM audit_record WHERE (chain, chain_seq) > ($1, $2) ORDER BY chain, chain_seq LIMIT ${BATCH}`,
      after,
    )) as StoredRecord[];
    yield* batch;
    if (batch.length < BATCH) return;
    const last = batch[batch.length - 1];
    after = order === 'seq' ? [last.seq] : [last.chain, last.chain_seq];
  }
}

/** The single global chain as it was: contiguous seq from 1, each record linked and intact. */
async function verifyGlobalChain(q: QueryRunner, when: string): Promise<void> {
  let expected = 1n;
  let previous = GENESIS_HASH;
  for await (const r of recordsOf(q, 'seq')) {
    const problem =
      BigInt(r.seq) !== expected
        ? `record ${expected} is missing`
        : r.prev_hash !== previous
          ? `record ${r.seq} does not follow record ${expected - 1n}`
          : legacyAuditHash({ ...fieldsOf(r), prevHash: r.prev_hash }) !== r.hash
            ? `record ${r.seq} was altered`
            : null;
    if (problem)
      throw new Error(`The global audit chain is broken ${when}: ${problem}; nothing was migrated`);
    previous = r.hash;
    expected += 1n;
  }
}

/** Every per-engagement chain: contiguous chain_seq from 1, linked, intact, ending at its head. */
async function verifyChains(q: QueryRunner, when: string): Promise<void> {
  const heads = new Map(
    (
      (await q.query(`SELECT chain, seq::text AS seq, hash FROM audit_chain_head`)) as {
        chain: string;
        seq: string;
        hash: string;
      }[]
    ).map((h) => [h.chain, h]),
  );
  let chain = '';
  let expected = 1n;
  let previous = GENESIS_HASH;
  const fail = (problem: string) =>
    new Error(`The audit chains are broken ${when}: ${problem}; nothing was migrated`);
  const closeChain = () => {
    if (chain === '') return;
    const head = heads.get(chain);
    if (!head || BigInt(head.seq) !== expected - 1n || head.hash !== previous)
      throw fail(`chain ${chain} does not end at its head`);
    heads.delete(chain);
  };
  for await (const r of recordsOf(q, 'chain')) {
    if (r.chain !== chain) {
      closeChain();
      chain = r.chain as string;
      expected = 1n;
      previous = GENESIS_HASH;
    }
    const problem =
      BigInt(r.chain_seq as string) !== expected
        ? `record ${chain} #${expected} is missing`
        : r.prev_hash !== previous
          ? `record ${chain} #${r.chain_seq} does not follow #${expected - 1n}`
          : auditHash({
                ...fieldsOf(r),
                chain,
                chainSeq: r.chain_seq as string,
                prevHash: r.prev_hash,
              }) !== r.hash
            ? `record ${chain} #${r.chain_seq} was altered`
            : null;
    if (problem) throw fail(problem);
    previous = r.hash;
    expected += 1n;
  }
  closeChain();
  const orphan = [...heads.values()].find((h) => h.seq !== '0');
  if (orphan) throw fail(`chain ${orphan.chain} has a head but no records`);
}

/** Writes new chain fields and hashes for a batch of records in one statement. */
async function rewrite(
  q: QueryRunner,
  rows: {
    seq: string;
    chain: string | null;
    chainSeq: string | null;
    prevHash: string;
    hash: string;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `UPDATE audit_record a SET chain = v.chain, chain_seq = v.chain_seq, prev_hash = v.prev_hash, hash = v.hash
     FROM (SELECT unnest($1::bigint[]) AS seq, unnest($2::text[]) AS chain, unnest($3::bigint[]) AS chain_seq,
                  unnest($4::text[]) AS prev_hash, unnest($5::text[]) AS hash) v
     WHERE a.seq = v.seq`,
    [
      rows.map((r) => r.seq),
      rows.map((r) => r.chain),
      rows.map((r) => r.chainSeq),
      rows.map((r) => r.prevHash),
      rows.map((r) => r.hash),
    ],
  );
}

/**
 * One audit chain per engagement, and one for platform-level events, instead of one global
 * chain under an advisory lock: each engagement's records are contiguous and verifiable alone,
 * and appends to different chains no longer wait on each other (each chain's head row is its
 * lock). Also the tables of signed checkpoints over all chain heads, the signing keys' public
 * halves and the statements given to customers.
 *
 * Up verifies the global chain first (and refuses to touch a broken one), splits it by
 * engagement in seq order, re-links and re-hashes each chain (the hash now covers the chain and
 * the position in it, not the global seq), and verifies the result. Down verifies the chains,
 * numbers the records 1..n in seq order again, rebuilds the global chain and verifies it.
 */
export class ChainAuditPerEngagement1765400000000 implements MigrationInterface {
  name = 'ChainAuditPerEngagement1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await verifyGlobalChain(q, 'before the split');
    await q.query(`ALTER TABLE audit_record ADD COLUMN chain text, ADD COLUMN chain_seq bigint`);
    await q.query(`CREATE SEQUENCE audit_record_seq OWNED BY audit_record.seq`);
    await q.query(
      `SELECT setval('audit_record_seq', GREATEST((SELECT max(seq) FROM audit_record), 0) + 1, false)`,
    );
    await q.query(
      `ALTER TABLE audit_record ALTER COLUMN seq SET DEFAULT nextval('audit_record_seq')`,
    );
    await q.query(`
      CREATE TABLE audit_chain_head (
        chain text PRIMARY KEY,
        engagement_id uuid,
        seq bigint NOT NULL,
        hash text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE audit_record DISABLE TRIGGER audit_record_no_update`);
    const heads = new Map<
      string,
      { engagementId: string | null; seq: bigint; hash: string; at: Date }
    >();
    let pending: Parameters<typeof rewrite>[1] = [];
    for await (const r of recordsOf(q, 'seq')) {
      const chain = chainOf(r.engagement_id);
      const head = heads.get(chain) ?? {
        engagementId: r.engagement_id,
        seq: 0n,
        hash: GENESIS_HASH,
        at: r.occurred_at,
      };
      const chainSeq = String(head.seq + 1n);
      const hash = auditHash({ ...fieldsOf(r), chain, chainSeq, prevHash: head.hash });
      heads.set(chain, {
        engagementId: head.engagementId,
        seq: head.seq + 1n,
        hash,
        at: r.occurred_at,
      });
      pending.push({ seq: r.seq, chain, chainSeq, prevHash: head.hash, hash });
      if (pending.length >= BATCH) {
        await rewrite(q, pending);
        pending = [];
      }
    }
    await rewrite(q, pending);
    for (const [chain, head] of heads) {
      await q.query(
        `INSERT INTO audit_chain_head (chain, engagement_id, seq, hash, updated_at) VALUES ($1, $2, $3, $4, $5)`,
        [chain, head.engagementId, String(head.seq), head.hash, head.at],
      );
    }
    await q.query(`ALTER TABLE audit_record ENABLE TRIGGER audit_record_no_update`);
    await q.query(
      `ALTER TABLE audit_record ALTER COLUMN chain SET NOT NULL, ALTER COLUMN chain_seq SET NOT NULL`,
    );
    await q.query(`CREATE UNIQUE INDEX audit_record_chain_idx ON audit_record (chain, chain_seq)`);
    await verifyChains(q, 'after the split');

    await q.query(`
      CREATE TABLE audit_signing_key (
        key_id text PRIMARY KEY,
        algorithm text NOT NULL CHECK (algorithm = 'Ed25519'),
        public_key text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        retired_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE audit_checkpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        issued_at timestamptz NOT NULL,
        reason text NOT NULL CHECK (reason IN ('interval', 'service_start', 'completion_bundle')),
        subject_engagement_id uuid,
        tree_size int NOT NULL,
        root text NOT NULL,
        leaves jsonb NOT NULL,
        key_id text NOT NULL REFERENCES audit_signing_key (key_id),
        signature text NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_checkpoint_issued_idx ON audit_checkpoint (issued_at)`);
    await q.query(`
      CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint
      FOR EACH ROW EXECUTE FUNCTION audit_record_append_only()`);
    await q.query(`
      CREATE TABLE checkpoint_statement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        checkpoint_id uuid NOT NULL REFERENCES audit_checkpoint (id),
        engagement_id uuid NOT NULL REFERENCES engagement (id),
        chain_seq bigint NOT NULL,
        chain_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (checkpoint_id, engagement_id)
      )`);
    await q.query(
      `CREATE INDEX checkpoint_statement_engagement_idx ON checkpoint_statement (engagement_id, created_at)`,
    );
    await q.query(`
      CREATE TABLE pdf_seal_certificate (
        key_id text PRIMARY KEY REFERENCES audit_signing_key (key_id),
        certificate_pem text NOT NULL,
        sealed_p12 text NOT NULL,
        fingerprint text NOT NULL,
        binding_signature text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await verifyChains(q, 'before they are joined again');
    await q.query(`DROP TABLE pdf_seal_certificate`);
    await q.query(`DROP TABLE checkpoint_statement`);
    await q.query(`DROP TABLE audit_checkpoint`);
    await q.query(`DROP TABLE audit_signing_key`);
    await q.query(`ALTER TABLE audit_record DISABLE TRIGGER audit_record_no_update`);
    // Contiguous from 1 again in the same order (records written since the split came from a
    // sequence, whose rolled-back values leave gaps); negative first, as seq is the primary key.
    await q.query(`UPDATE audit_record SET seq = -seq`);
    await q.query(
      `UPDATE audit_record a SET seq = n.position FROM (SELECT seq, row_number() OVER (ORDER BY seq DESC) AS position FROM audit_record) n WHERE a.seq = n.seq`,
    );
    await q.query(`DROP INDEX audit_record_chain_idx`);
    await q.query(
      `ALTER TABLE audit_record ALTER COLUMN chain DROP NOT NULL, ALTER COLUMN chain_seq DROP NOT NULL`,
    );
    let previous = GENESIS_HASH;
    let pending: Parameters<typeof rewrite>[1] = [];
    for await (const r of recordsOf(q, 'seq')) {
      const hash = legacyAuditHash({ ...fieldsOf(r), prevHash: previous });
      pending.push({ seq: r.seq, chain: null, chainSeq: null, prevHash: previous, hash });
      previous = hash;
      if (pending.length >= BATCH) {
        await rewrite(q, pending);
        pending = [];
      }
    }
    await rewrite(q, pending);
    await q.query(`ALTER TABLE audit_record ENABLE TRIGGER audit_record_no_update`);
    await q.query(`DROP TABLE audit_chain_head`);
    await q.query(`ALTER TABLE audit_record ALTER COLUMN seq DROP DEFAULT`);
    await q.query(`DROP SEQUENCE audit_record_seq`);
    await q.query(`ALTER TABLE audit_record DROP COLUMN chain, DROP COLUMN chain_seq`);
    await verifyGlobalChain(q, 'after the chains were joined');
  }
}
