import type { Language } from '@app/access';
import { CHECK_REASONS, sample } from './check-reasons';
import type { PlanningData } from './planning-data';

/** The workflow steps these checks decide. */
export const PLANNING_CHECK_STEPS = {
  serverDetectMode: 'server_detect_mode_check',
  groupCoverage: 'group_coverage_check',
  avQuarantineConflict: 'av_quarantine_conflict_check',
} as const;

/**
 * `server_detect_mode_check`: a group with servers does not start in block mode (block reached
 * through an approved mode switch after tuning is fine), and an evaluation group neither blocks
 * nor quarantines (the template's "no block or quarantine action").
 */
export function serverDetectModeFailures(data: PlanningData, language: Language): string[] {
  const words = CHECK_REASONS[language];
  const failures: string[] = [];
  for (const { group, policy, resolved } of data.groups) {
    const servers = resolved.filter((e) => e.type === 'server').length;
    if (servers > 0 && policy.mode === 'block' && policy.modeSource === 'design')
      failures.push(words.serversBlock(group.name, servers));
    if (group.kind === 'evaluation' && policy.mode === 'block')
      failures.push(words.evaluationBlocks(group.name));
    if (group.kind === 'evaluation' && policy.quarantine)
      failures.push(words.evaluationQuarantines(group.name));
  }
  return failures;
}

/** `group_coverage_check`: every endpoint resolves into exactly one group. */
export function groupCoverageFailures(data: PlanningData, language: Language): string[] {
  const words = CHECK_REASONS[language];
  const failures: string[] = [];
  const { unassigned, inSeveral } = data.resolution;
  if (unassigned.length > 0)
    failures.push(words.noGroup(unassigned.length, sample(unassigned.map((e) => e.hostname))));
  const nameOf = new Map(data.groups.map((g) => [g.group.id, g.group.name]));
  for (const { endpoint, groupIds } of inSeveral) {
    failures.push(
      words.several(endpoint.hostname, groupIds.map((id) => nameOf.get(id) ?? id).join(', ')),
    );
  }
  return failures;
}

/**
 * `av_quarantine_conflict_check`: a group whose endpoints keep an existing product that
 * quarantines has quarantine off in its EDR policy. Products compare case-insensitively.
 */
export function avQuarantineFailures(
  data: PlanningData,
  quarantining: string[],
  language: Language,
): string[] {
  const words = CHECK_REASONS[language];
  const products = new Set(quarantining.map((p) => p.trim().toLowerCase()));
  const failures: string[] = [];
  for (const { group, policy, resolved } of data.groups) {
    if (!policy.quarantine) continue;
    const keeping = resolved.filter(
      (e) => e.existingProduct && products.has(e.existingProduct.trim().toLowerCase()),
    );
    if (keeping.length === 0) continue;
    const names = [...new Set(keeping.map((e) => e.existingProduct as string))].sort().join(', ');
    failures.push(
      words.doubleQuarantine(group.name, names, sample(keeping.map((e) => e.hostname))),
    );
  }
  return failures;
}
