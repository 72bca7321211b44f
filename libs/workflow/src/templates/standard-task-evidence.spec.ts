import { EDR_MDR_ONBOARDING_V1 } from './edr-mdr-onboarding.v1';
import { EDR_MDR_ONBOARDING_V2 } from './edr-mdr-onboarding.v2';
import { reviseTemplate } from './revise-template';
import { STANDARD_TASK_EVIDENCE } from './standard-task-evidence';
import { validateTemplate } from './template-validation';

describe('the standard template’s task evidence (version 2)', () => {
  const template = EDR_MDR_ONBOARDING_V2;

  it('flags every task and nothing else, and passes the validation the registry runs at boot', () => {
    expect(() => validateTemplate(template)).not.toThrow();
    const tasks = template.steps
      .filter((s) => s.type === 'task')
      .map((s) => s.key)
      .sort();
    expect(Object.keys(STANDARD_TASK_EVIDENCE).sort()).toEqual(tasks);
    expect(template.steps.filter((s) => s.evidence === 'required').map((s) => s.key)).toEqual([
      'console_setup',
      'staff_briefing',
      'console_access_granted',
      'escalation_test',
      'first_monthly_report',
    ]);
    // Version 1 stays as it was recorded: no evidence flags.
    expect(EDR_MDR_ONBOARDING_V1.steps.some((s) => s.evidence)).toBe(false);
  });

  it('refuses a revision of a step the template does not have', () => {
    expect(() =>
      reviseTemplate(EDR_MDR_ONBOARDING_V1, 3, {
        steps: { no_such_step: { evidence: 'required' } },
      }),
    ).toThrow('unknown step no_such_step');
  });
});
