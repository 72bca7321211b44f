import { EDR_MDR_ONBOARDING_V1 } from './edr-mdr-onboarding.v1';
import { EDR_MDR_ONBOARDING_V2 } from './edr-mdr-onboarding.v2';
import type { TemplateDefinition } from './template.types';

/**
 * Every template the product ships, as code. A changed template gets a new version here (written
 * with `reviseTemplate`), and the versions before it stay: onboardings made from them keep them,
 * and the database refuses a recorded version whose definition changed.
 */
export const BUILT_IN_TEMPLATES: TemplateDefinition[] = [
  EDR_MDR_ONBOARDING_V1,
  EDR_MDR_ONBOARDING_V2,
];

export * from './template.types';
export * from './template-validation';
export * from './localise';
export * from './revise-template';
export * from './standard-task-evidence';
