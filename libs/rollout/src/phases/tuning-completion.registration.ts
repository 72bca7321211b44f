import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '@app/platform';
import { StepEvidenceRegistry } from '@app/workflow';
import { TUNING_PERIOD_STEP, tuningCompletionRefusal } from './tuning-completion';

/** Binds `tuning_period_completed` to the groups' measured time in detect mode and their tuning logs. */
@Injectable()
export class TuningCompletionRegistration implements OnModuleInit {
  constructor(
    private readonly registry: StepEvidenceRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.registerCompletionCondition(TUNING_PERIOD_STEP, (manager, onboarding, language) =>
      tuningCompletionRefusal(manager, onboarding.engagementId, this.clock.now(), language),
    );
  }
}
