import { LANGUAGES } from '@app/access';
import { defaultRunbook } from './default-runbooks';
import { readRunbookContent } from './runbook-content';

describe('runbook content', () => {
  it.each(LANGUAGES)('ships valid default peacetime and incident runbooks in %s', (language) => {
    for (const kind of ['peacetime_runbook', 'incident_runbook'] as const) {
      const content = defaultRunbook(kind, language);
      const { value, errors } = readRunbookContent(kind, JSON.parse(JSON.stringify(content)));
      expect(errors).toEqual([]);
      expect(value).toEqual(content);
    }
  });

  it('keeps the same steps in every language, translated', () => {
    for (const kind of ['peacetime_runbook', 'incident_runbook'] as const) {
      const [ja, en, zh] = (['ja', 'en', 'zh'] as const).map((l) => defaultRunbook(kind, l));
      expect(ja.steps.map((s) => s.key)).toEqual(en.steps.map((s) => s.key));
      expect(zh.steps.map((s) => s.key)).toEqual(en.steps.map((s) => s.key));
      ja.steps.forEach((step, i) => {
        expect(step.title).not.toBe(en.steps[i].title);
        expect(zh.steps[i].title).not.toBe(step.title);
        expect(step.actions).toHaveLength(en.steps[i].actions.length);
      });
    }
    expect(defaultRunbook('peacetime_runbook', 'ja').title).toContain('平時運用');
    expect(defaultRunbook('incident_runbook', 'ja').title).toContain('有事運用');
  });

  it('covers the peacetime and incident essentials', () => {
    const peacetime = defaultRunbook('peacetime_runbook', 'en').steps.map((s) => s.category);
    expect(peacetime).toEqual(
      expect.arrayContaining([
        'periodic_report',
        'sensor_health_check',
        'tuning_review',
        'regular_meeting',
      ]),
    );
    const incident = defaultRunbook('incident_runbook', 'en').steps;
    expect(incident.filter((s) => s.category === 'triage').map((s) => s.severity)).toEqual([
      'critical',
      'high',
      'medium',
      'low',
    ]);
    expect(incident.filter((s) => s.responseAction).map((s) => s.responseAction)).toEqual([
      'isolate_host',
      'kill_process',
      'quarantine_file',
      'block_hash',
      'disable_account',
    ]);
    expect(incident.some((s) => s.template)).toBe(true);
  });

  it('names the field of each bad step', () => {
    const content = defaultRunbook('incident_runbook', 'en') as any;
    content.steps[0].owner = { party: 'customer', role: 'provider_analyst' };
    content.steps[1].category = 'tuning_review';
    delete content.steps[2].trigger;
    content.steps[5].responseAction = 'reboot';
    content.steps[6].key = 'triage_critical';
    content.steps[7].schedule = { frequency: 'daily' };
    const fields = readRunbookContent('incident_runbook', content).errors.map((e) => e.field);
    expect(fields).toEqual([
      'steps[0].owner.role',
      'steps[1].category',
      'steps[2].trigger',
      'steps[5].responseAction',
      'steps[6].key',
      'steps[7].schedule',
    ]);
  });

  it('needs at least one step and a title', () => {
    expect(
      readRunbookContent('peacetime_runbook', { title: ' ', steps: [] }).errors.map((e) => e.field),
    ).toEqual(['title', 'steps']);
  });
});
