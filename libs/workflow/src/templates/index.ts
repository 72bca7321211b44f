import { EDR_MDR_ONBOARDING_V1 } from './edr-mdr-onboarding.v1';
import { STANDARD_TASK_EVIDENCE, withTaskEvidence } from './standard-task-evidence';
import type { TemplateDefinition } from './template.types';

/** Every template the product ships, as code. A changed template gets a new version here. */
export const BUILT_IN_TEMPLATES: TemplateDefinition[] = [withTaskEvidence(EDR_MDR_ONBOARDING_V1, STANDARD_TASK_EVIDENCE)];

export * from './template.types';
export * from './template-validation';
export * from './localise';
export * from './standard-task-evidence';
