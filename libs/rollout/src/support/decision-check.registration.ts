import { Injectable, OnModuleInit } from '@nestjs/common';
import { StepEvidenceRegistry } from '@app/workflow';
import { UNSUPPORTED_OS_DECISIONS, undecidedEndpointReasons } from './decision-check';

/** For onboardings of template v1, where `unsupported_os_decisions` is an automatic check: every endpoint needing a decision has an approved one (v2 approves a snapshot instead). */
@Injectable()
export class DecisionCheckRegistration implements OnModuleInit {
  constructor(private readonly registry: StepEvidenceRegistry) {}

  onModuleInit(): void {
    this.registry.registerCheck(UNSUPPORTED_OS_DECISIONS, (manager, onboarding, language) =>
      undecidedEndpointReasons(manager, onboarding.engagementId, language),
    );
  }
}
