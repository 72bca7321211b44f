import { OnboardingEvent } from './onboarding-event.entity';
import { OnboardingStep } from './onboarding-step.entity';
import { Onboarding } from './onboarding.entity';
import { StepSubmission } from './step-submission.entity';
import { WorkflowTemplate } from './workflow-template.entity';
import { OnboardingProgress } from '../progress/onboarding-progress.entity';
import { StepCompletion } from '../task-evidence/step-completion.entity';

export {
  Onboarding,
  OnboardingEvent,
  OnboardingProgress,
  OnboardingStep,
  StepCompletion,
  StepSubmission,
  WorkflowTemplate,
};
export * from './onboarding.entity';
export type { OnboardingEventDetails } from './onboarding-event.entity';

export const WORKFLOW_ENTITIES = [
  WorkflowTemplate,
  Onboarding,
  OnboardingStep,
  StepSubmission,
  OnboardingEvent,
  OnboardingProgress,
  StepCompletion,
];
