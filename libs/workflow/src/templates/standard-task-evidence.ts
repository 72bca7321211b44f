import type { EvidenceRequirement } from './template.types';

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
  effectiveness_check: { evidence: 'optional' },
  notification_contacts: { evidence: 'optional' },
  sensor_deployment_started: { evidence: 'optional' },
  sensor_deployment_completed: { evidence: 'optional' },
  tuning_period_completed: { evidence: 'optional' },
  switch_to_block_mode: { evidence: 'optional' },
};
