import { Injectable, OnModuleInit } from '@nestjs/common';
import { StepEvidenceRegistry } from '@app/workflow';
import { loadPlanningData } from './planning-data';
import {
  avQuarantineFailures,
  groupCoverageFailures,
  PLANNING_CHECK_STEPS,
  serverDetectModeFailures,
} from './planning-checks';
import { QuarantiningProducts } from './quarantining-products';

/** The automatic checks of the group and policy design, attached to the template's steps. */
@Injectable()
export class PlanningChecksRegistrar implements OnModuleInit {
  constructor(
    private readonly registry: StepEvidenceRegistry,
    private readonly quarantining: QuarantiningProducts,
  ) {}

  onModuleInit(): void {
    this.registry.registerCheck(
      PLANNING_CHECK_STEPS.serverDetectMode,
      async (manager, onboarding, language) =>
        serverDetectModeFailures(
          await loadPlanningData(manager, onboarding.engagementId),
          language,
        ),
    );
    this.registry.registerCheck(
      PLANNING_CHECK_STEPS.groupCoverage,
      async (manager, onboarding, language) =>
        groupCoverageFailures(await loadPlanningData(manager, onboarding.engagementId), language),
    );
    this.registry.registerCheck(
      PLANNING_CHECK_STEPS.avQuarantineConflict,
      async (manager, onboarding, language) => {
        const products = await this.quarantining.productsThatQuarantine(
          manager,
          onboarding.engagementId,
        );
        return avQuarantineFailures(
          await loadPlanningData(manager, onboarding.engagementId),
          products,
          language,
        );
      },
    );
  }
}
