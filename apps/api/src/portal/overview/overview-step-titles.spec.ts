import { EDR_MDR_ONBOARDING_V1 } from '@app/workflow/templates/edr-mdr-onboarding.v1';
import type { TemplateDefinition } from '@app/workflow';
import { stepTitles } from './overview-step-titles';

describe('stepTitles', () => {
  const first = EDR_MDR_ONBOARDING_V1.steps[0];

  it('gives each step its title in the language asked', () => {
    expect(stepTitles(EDR_MDR_ONBOARDING_V1, 'en').get(first.key)).toBe(first.title.en);
    expect(stepTitles(EDR_MDR_ONBOARDING_V1, 'ja').get(first.key)).toBe(first.title.ja);
  });

  it('is kept per template version: a new version with a renamed step shows the new title', () => {
    expect(stepTitles(EDR_MDR_ONBOARDING_V1, 'en').get(first.key)).toBe(first.title.en);
    const renamed: TemplateDefinition = {
      ...EDR_MDR_ONBOARDING_V1,
      version: EDR_MDR_ONBOARDING_V1.version + 100,
      steps: [
        { ...first, title: { ...first.title, en: 'Renamed in the next version' } },
        ...EDR_MDR_ONBOARDING_V1.steps.slice(1),
      ],
    };
    expect(stepTitles(renamed, 'en').get(first.key)).toBe('Renamed in the next version');
    expect(stepTitles(EDR_MDR_ONBOARDING_V1, 'en').get(first.key)).toBe(first.title.en);
  });
});
