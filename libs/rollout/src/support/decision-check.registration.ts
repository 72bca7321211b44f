import { Injectable, OnModuleInit } from '@nestjs/common';
import { StepEvidenceRegistry } from '@app/workflow';
import { UNSUPPORTED_OS_DECISIONS_CHECK, undecidedEndpointReasons } from './decision-check';

/** Binds `unsupported_os_decisions` to the inventory: every endpoint needing a decision has an approved one. */
@Injectable()
export class DecisionCheckRegistration implements OnModuleInit {
  constructor(private readonly registry: StepEvidenceRegistry) {}

  onModuleInit(): void {
    this.registry.registerCheck(UNSUPPORTED_OS_DECISIONS_CHECK, (manager, onboarding, language) =>
      undecidedEndpointReasons(manager, onboarding.engagementId, language),
    );
  }
}
