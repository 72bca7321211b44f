import { EXISTING_AV_PLAN } from './av-plan.snapshot';
import { BLOCK_LIST_STEP } from './block-list.snapshot';
import { UNSUPPORTED_OS_DECISIONS } from './decisions.snapshot';
import { GROUP_POLICY_DESIGN } from './group-design.snapshot';
import { MIGRATION_PLAN } from './migration-plan.snapshot';
import { NOTIFICATION_ROUTING } from './routing.snapshot';
import { UPDATE_POLICY } from './update-policy.snapshot';
import { UPDATE_WAVES_PLAN } from './update-waves.snapshot';

/**
 * Which approvals each kind of change touches: every service that changes one of these calls
 * `PlanSnapshots.changed(manager, actor, engagementId, AFFECTS.<kind>)` in its transaction.
 * A step is only made stale when its snapshot really differs, so naming one too many is harmless.
 */
export const AFFECTS = {
  /** Groups (create, update, delete) and their policies. */
  groups: [GROUP_POLICY_DESIGN, UPDATE_POLICY, MIGRATION_PLAN, UPDATE_WAVES_PLAN],
  /** A site's bandwidth figures. */
  sites: [UPDATE_POLICY, UPDATE_WAVES_PLAN],
  /** The plans for existing security products. */
  productPlans: [EXISTING_AV_PLAN, MIGRATION_PLAN],
  /** The endpoint inventory (import) and its classification. */
  inventory: [UNSUPPORTED_OS_DECISIONS, UPDATE_WAVES_PLAN],
  /** Decisions on unsupported endpoints. */
  decisions: [UNSUPPORTED_OS_DECISIONS],
  routing: [NOTIFICATION_ROUTING],
  blockList: [BLOCK_LIST_STEP],
  /** The approved service agreement (its minimum tuning period). */
  agreement: [MIGRATION_PLAN],
} as const;
