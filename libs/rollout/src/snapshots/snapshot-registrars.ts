import { Injectable, OnModuleInit } from '@nestjs/common';
import { ProposalSubjectRegistry } from '@app/workflow';
import { avPlanSnapshot, EXISTING_AV_PLAN } from './av-plan.snapshot';
import { BLOCK_LIST_STEP, blockListSnapshot } from './block-list.snapshot';
import { decisionsSnapshot, UNSUPPORTED_OS_DECISIONS } from './decisions.snapshot';
import { GROUP_POLICY_DESIGN, groupDesignSnapshot } from './group-design.snapshot';
import { MIGRATION_PLAN, migrationPlanSnapshot } from './migration-plan.snapshot';
import { NOTIFICATION_ROUTING, routingSnapshot } from './routing.snapshot';
import { UPDATE_POLICY, updatePolicySnapshot } from './update-policy.snapshot';
import { UPDATE_WAVES_PLAN, updateWavesSnapshot } from './update-waves.snapshot';

/** The inventory's approvals: the set of unsupported-OS decisions and the existing-AV plan. */
@Injectable()
export class InventorySnapshotsRegistrar implements OnModuleInit {
  constructor(private readonly registry: ProposalSubjectRegistry) {}

  onModuleInit(): void {
    this.registry.registerSnapshot(UNSUPPORTED_OS_DECISIONS, decisionsSnapshot);
    this.registry.registerSnapshot(EXISTING_AV_PLAN, avPlanSnapshot);
  }
}

/** Roll-out planning's approvals: group design, update policy, update waves, migration plan. */
@Injectable()
export class PlanningSnapshotsRegistrar implements OnModuleInit {
  constructor(private readonly registry: ProposalSubjectRegistry) {}

  onModuleInit(): void {
    this.registry.registerSnapshot(GROUP_POLICY_DESIGN, groupDesignSnapshot);
    this.registry.registerSnapshot(UPDATE_POLICY, updatePolicySnapshot);
    this.registry.registerSnapshot(UPDATE_WAVES_PLAN, updateWavesSnapshot);
    this.registry.registerSnapshot(MIGRATION_PLAN, migrationPlanSnapshot);
  }
}

/** Protection's approvals: notification routing and the static block list. */
@Injectable()
export class ProtectionSnapshotsRegistrar implements OnModuleInit {
  constructor(private readonly registry: ProposalSubjectRegistry) {}

  onModuleInit(): void {
    this.registry.registerSnapshot(NOTIFICATION_ROUTING, routingSnapshot);
    this.registry.registerSnapshot(BLOCK_LIST_STEP, blockListSnapshot);
  }
}
