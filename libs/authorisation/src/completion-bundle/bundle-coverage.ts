import { Engagement } from '@app/identity';
import { CheckpointStatements, StatementDocument } from '@app/proof';
import { Onboarding } from '@app/workflow';
import { EntityManager } from 'typeorm';

/**
 * Where the bundle's chain ends: at the first checkpoint that includes the service start (the
 * one signed in the start's own transaction, for services started since checkpoints exist), and
 * every checkpoint up to it, as this engagement's statements.
 */
export async function chainCoverage(
  manager: EntityManager,
  statements: CheckpointStatements,
  chain: string,
  onboarding: Onboarding,
  engagement: Engagement,
): Promise<{ end: string; covering: StatementDocument[] }> {
  const [start] = (await manager.query(
    `SELECT chain_seq::text AS seq FROM audit_record WHERE chain = $1 AND action = 'onboarding.service_started' AND subject_id = $2 ORDER BY chain_seq LIMIT 1`,
    [chain, onboarding.id],
  )) as { seq: string }[];
  const checkpoints = (await manager.query(
    `SELECT id, leaves FROM audit_checkpoint WHERE leaves @> $1::jsonb ORDER BY number`,
    [JSON.stringify([{ chain }])],
  )) as { id: string; leaves: { chain: string; seq: string }[] }[];
  const withSeq = checkpoints.map((c) => ({
    id: c.id,
    seq: BigInt((c.leaves.find((l) => l.chain === chain) as { seq: string }).seq),
  }));
  const startSeq = start ? BigInt(start.seq) : 1n;
  const first = withSeq.find((c) => c.seq >= startSeq);
  // The bundle's own checkpoint, signed just before, always reaches the start.
  if (first === undefined)
    throw new Error(`No checkpoint of ${chain} reaches its service start (#${startSeq})`);
  const covering: StatementDocument[] = [];
  for (const c of withSeq.filter((c) => c.seq <= first.seq))
    covering.push(await statements.document(manager, c.id, engagement.id));
  return { end: String(first.seq), covering };
}
