import { Injectable, OnModuleInit } from '@nestjs/common';
import { StepEvidenceRegistry } from '@app/workflow';
import {
  DEPLOYMENT_COMPLETED_STEP,
  DEPLOYMENT_STARTED_STEP,
  deploymentCompletedRefusal,
  deploymentStartedRefusal,
} from './deployment-conditions';

/** Binds the two sensor deployment tasks to the deployment recorded per endpoint. */
@Injectable()
export class DeploymentConditionsRegistration implements OnModuleInit {
  constructor(private readonly registry: StepEvidenceRegistry) {}

  onModuleInit(): void {
    this.registry.registerCompletionCondition(
      DEPLOYMENT_STARTED_STEP,
      (manager, onboarding, language) =>
        deploymentStartedRefusal(manager, onboarding.engagementId, language),
    );
    this.registry.registerCompletionCondition(
      DEPLOYMENT_COMPLETED_STEP,
      (manager, onboarding, language) =>
        deploymentCompletedRefusal(manager, onboarding.engagementId, language),
    );
  }
}
