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
 * tuning period counts from when the group entered detect mode); keeping the mode keeps it.
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
  await manager.getRepository(GroupPolicy).save(policy);
  await manager.getRepository(PolicyChange).insert({
    engagementId: write.engagementId,
    groupId: write.groupId,
    modeSwitchRequestId: write.modeSwitchRequestId ?? null,
    before: before ? settingsOf(before) : null,
    after,
    changedBy: write.userId,
    changedAt: write.at,
  });
  return policy;
}
