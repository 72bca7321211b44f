import { EntityManager } from 'typeorm';
import { GroupPolicy, ModeSource, PolicyChange, PolicySettings } from './group-policy.entity';

export const DEFAULT_POLICY: PolicySettings = {
  mode: 'detect',
  quarantine: false,
  updates: 'manual',
  maxConcurrentUpdates: 10,
};

export function settingsOf(policy: GroupPolicy): PolicySettings {
  return {
    mode: policy.mode,
    quarantine: policy.quarantine,
    updates: policy.updates,
    maxConcurrentUpdates: policy.maxConcurrentUpdates,
  };
}

export interface PolicyWrite {
  engagementId: string;
  groupId: string;
  before: GroupPolicy | null;
  after: PolicySettings;
  source: ModeSource;
  modeSwitchRequestId?: string | null;
  userId: string;
  at: Date;
}

/**
 * Writes a group's policy and its policy change record. Entering a mode restarts its clock (the
 * tuning period counts from when the group entered detect mode); keeping the mode keeps it. A
 * changed policy is updated and recorded in one statement (no read before the write: the caller
 * has read and locked `before`).
 */
export async function writePolicy(
  manager: EntityManager,
  write: PolicyWrite,
): Promise<GroupPolicy> {
  const { before, after } = write;
  const modeChanged = !before || before.mode !== after.mode;
  const policy = manager.getRepository(GroupPolicy).create({
    groupId: write.groupId,
    engagementId: write.engagementId,
    ...after,
    modeSince: modeChanged ? write.at : before.modeSince,
    modeSource: modeChanged ? write.source : before.modeSource,
    updatedBy: write.userId,
    updatedAt: write.at,
  });
  const change = {
    engagementId: write.engagementId,
    groupId: write.groupId,
    modeSwitchRequestId: write.modeSwitchRequestId ?? null,
    before: before ? settingsOf(before) : null,
    after,
    changedBy: write.userId,
    changedAt: write.at,
  };
  if (!before) {
    await manager.getRepository(GroupPolicy).insert(policy);
    await manager.getRepository(PolicyChange).insert(change);
    return policy;
  }
  await manager.query(
    `WITH written AS (
       UPDATE group_policy SET mode = $3, quarantine = $4, updates = $5, max_concurrent_updates = $6,
              mode_since = $7, mode_source = $8, updated_by = $9, updated_at = $10
        WHERE group_id = $2 RETURNING group_id)
     INSERT INTO policy_change (engagement_id, group_id, mode_switch_request_id, before, after, changed_by, changed_at)
     SELECT $1, group_id, $11, $12, $13, $9, $10 FROM written`,
    [
      change.engagementId,
      change.groupId,
      policy.mode,
      policy.quarantine,
      policy.updates,
      policy.maxConcurrentUpdates,
      policy.modeSince,
      policy.modeSource,
      policy.updatedBy,
      policy.updatedAt,
      change.modeSwitchRequestId,
      JSON.stringify(change.before),
      JSON.stringify(change.after),
    ],
  );
  return policy;
}
