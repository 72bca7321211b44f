import { EDR_MDR_ONBOARDING_V1 } from './edr-mdr-onboarding.v1';
import { STANDARD_TASK_EVIDENCE, withTaskEvidence } from './standard-task-evidence';
import { validateTemplate } from './template-validation';

describe('the standard template’s task evidence', () => {
  const template = withTaskEvidence(EDR_MDR_ONBOARDING_V1, STANDARD_TASK_EVIDENCE);

  it('flags every task and nothing else, and passes the validation the registry runs at boot', () => {
    expect(() => validateTemplate(template)).not.toThrow();
    const tasks = template.steps.filter((s) => s.type === 'task').map((s) => s.key).sort();
    expect(Object.keys(STANDARD_TASK_EVIDENCE).sort()).toEqual(tasks);
    expect(template.steps.filter((s) => s.evidence === 'required').map((s) => s.key)).toEqual([
      'console_setup', 'staff_briefing', 'console_access_granted', 'escalation_test', 'first_monthly_report',
    ]);
    // The definition it is applied to stays as it was.
    expect(EDR_MDR_ONBOARDING_V1.steps.some((s) => s.evidence)).toBe(false);
  });

  it('refuses a flag for a step the template does not have', () => {
    expect(() => withTaskEvidence(EDR_MDR_ONBOARDING_V1, { no_such_step: { evidence: 'required' } })).toThrow('no step no_such_step');
  });
});
