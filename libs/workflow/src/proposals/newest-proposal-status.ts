import { EntityManager } from 'typeorm';
import type { NewestProposal } from '../gate/waited-on';

/** The status of each step's newest proposal in one onboarding (steps without one are absent). */
export async function newestProposalStatuses(
  manager: EntityManager,
  onboardingId: string,
): Promise<Map<string, NewestProposal>> {
  const rows: { step_key: string; outdated: boolean }[] = await manager.query(
    `SELECT DISTINCT ON (step_key) step_key, outdated_at IS NOT NULL AS outdated
       FROM step_submission WHERE onboarding_id = $1
      ORDER BY step_key, version DESC`,
    [onboardingId],
  );
  return new Map(rows.map((r) => [r.step_key, r.outdated ? 'outdated' : 'current']));
}

/** The status of a newest proposal as a view row has it (outdated changes set when outdated). */
export function proposalStatusOf(
  proposal: { outdatedChanges: unknown } | null | undefined,
): NewestProposal {
  if (!proposal) return 'none';
  return proposal.outdatedChanges !== null ? 'outdated' : 'current';
}
