import type { EvidenceRequirement, TemplateDefinition } from './template.types';

/**
 * Which tasks of the standard onboarding are completed with files as evidence: `required` (at
 * least one) for the records a reviewer asks for (briefing material, console settings, the
 * provider's access, the escalation test, the first report); `optional` for every other task.
 */
export const STANDARD_TASK_EVIDENCE: Record<string, { evidence: EvidenceRequirement }> = {
  staff_briefing: { evidence: 'required' },
  console_setup: { evidence: 'required' },
  console_access_granted: { evidence: 'required' },
  escalation_test: { evidence: 'required' },
  first_monthly_report: { evidence: 'required' },
  mdr_requirements_defined: { evidence: 'optional' },
  endpoint_inventory: { evidence: 'optional' },
  existing_security_products: { evidence: 'optional' },
  bandwidth_survey: { evidence: 'optional' },
  update_waves_plan: { evidence: 'optional' },
  effectiveness_check: { evidence: 'optional' },
  notification_contacts: { evidence: 'optional' },
  sensor_deployment_started: { evidence: 'optional' },
  sensor_deployment_completed: { evidence: 'optional' },
  tuning_period_completed: { evidence: 'optional' },
  switch_to_block_mode: { evidence: 'optional' },
};

/** The template with each named task's evidence flag; every key must be a step of it. */
export function withTaskEvidence(template: TemplateDefinition, flags: Record<string, { evidence: EvidenceRequirement }>): TemplateDefinition {
  for (const key of Object.keys(flags)) {
    if (!template.steps.some((s) => s.key === key)) throw new Error(`Template ${template.key}@${template.version}: no step ${key} to take evidence`);
  }
  return { ...template, steps: template.steps.map((step) => ({ ...step, ...(flags[step.key] ?? {}) })) };
}
