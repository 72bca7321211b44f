import { EDR_MDR_ONBOARDING_V1 } from './edr-mdr-onboarding.v1';
import type { TemplateDefinition } from './template.types';

/** Every template the product ships, as code. A changed template gets a new version here. */
export const BUILT_IN_TEMPLATES: TemplateDefinition[] = [EDR_MDR_ONBOARDING_V1];

export * from './template.types';
export * from './template-validation';
export * from './localise';
