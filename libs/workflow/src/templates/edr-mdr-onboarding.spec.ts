import { organisationKindForRole } from '@app/access';
import { EDR_MDR_ONBOARDING_V1 } from './edr-mdr-onboarding.v1';
import { EDR_MDR_ONBOARDING_V2 } from './edr-mdr-onboarding.v2';
import { validateTemplate } from './template-validation';
import { AREAS, LocalisedText, PHASES, StepDefinition, TemplateDefinition } from './template.types';

/** Keys later features attach to; renaming one breaks them. */
const REQUIRED_KEYS = [
  'endpoint_inventory',
  'unsupported_os_decisions',
  'existing_av_plan',
  'av_quarantine_conflict_check',
  'group_policy_design',
  'server_detect_mode_check',
  'group_coverage_check',
  'update_policy',
  'update_waves_plan',
  'migration_plan',
  'sensor_deployment_started',
  'tuning_period_completed',
  'switch_to_block_mode',
  'effectiveness_check',
  'static_block_list',
  'notification_routing',
  'provider_requirements_check',
  'service_agreement',
  'peacetime_runbook',
  'incident_runbook',
  'communication_language',
  'domain_authorisation_signature',
  'domain_permission_email',
  'console_access_granted',
  'staff_briefing',
  'go_live_readiness_review',
];

function texts(template: TemplateDefinition): Array<[string, LocalisedText]> {
  return [
    ['name', template.name],
    ['description', template.description],
    ...template.phases.flatMap((p): Array<[string, LocalisedText]> => [
      [`phase ${p.key} title`, p.title],
      [`phase ${p.key} description`, p.description],
    ]),
    ...template.steps.flatMap((s): Array<[string, LocalisedText]> => [
      [`${s.key} title`, s.title],
      [`${s.key} description`, s.description],
    ]),
  ];
}

describe.each([
  ['1', EDR_MDR_ONBOARDING_V1],
  ['2', EDR_MDR_ONBOARDING_V2],
] as const)(
  'the standard onboarding template, version %s',
  (version, template: TemplateDefinition) => {
    const steps = template.steps;
    const byKey = new Map(steps.map((s) => [s.key, s]));
    const step = (key: string): StepDefinition => {
      const found = byKey.get(key);
      if (!found) throw new Error(`no step ${key}`);
      return found;
    };

    it('passes the template validation the registry runs at boot', () => {
      expect(() => validateTemplate(template)).not.toThrow();
      expect(template.key).toBe('edr-mdr-onboarding');
      expect(template.version).toBe(Number(version));
    });

    it('has every step key later features attach to, and unique snake_case keys', () => {
      for (const key of REQUIRED_KEYS) expect(byKey.has(key)).toBe(true);
      expect(byKey.size).toBe(steps.length);
      for (const s of steps) expect(s.key).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
      expect(steps.length).toBeGreaterThanOrEqual(25);
      expect(steps.length).toBeLessThanOrEqual(35);
    });

    it('has every text in Japanese, English and Chinese', () => {
      for (const [where, text] of texts(template)) {
        for (const lang of ['ja', 'en', 'zh'] as const) {
          expect({ where, lang, empty: text[lang].trim() === '' }).toEqual({
            where,
            lang,
            empty: false,
          });
        }
      }
    });

    it('defines the three phases in order and covers all six areas', () => {
      expect(template.phases.map((p) => p.key)).toEqual([...PHASES]);
      for (const area of AREAS) expect(steps.some((s) => s.area === area)).toBe(true);
    });

    it('depends only on existing earlier-or-same-phase steps that are due no later, without cycles', () => {
      const order: string[] = [];
      const visiting = new Set<string>();
      const visit = (key: string): void => {
        if (order.includes(key)) return;
        if (visiting.has(key)) throw new Error(`cycle through ${key}`);
        visiting.add(key);
        step(key).dependsOn.forEach(visit);
        visiting.delete(key);
        order.push(key);
      };
      steps.forEach((s) => visit(s.key));
      for (const s of steps) {
        for (const dep of s.dependsOn) {
          const d = step(dep);
          expect(PHASES.indexOf(d.phase)).toBeLessThanOrEqual(PHASES.indexOf(s.phase));
          expect({ step: s.key, dep, dueAfterDep: d.dueOffsetDays <= s.dueOffsetDays }).toEqual({
            step: s.key,
            dep,
            dueAfterDep: true,
          });
        }
      }
    });

    it('gives actors of the right party, and proposers exactly to approvals', () => {
      for (const s of steps) {
        expect({ step: s.key, party: organisationKindForRole(s.role) }).toEqual({
          step: s.key,
          party: s.party,
        });
        expect({ step: s.key, hasProposer: s.proposer !== undefined }).toEqual({
          step: s.key,
          hasProposer: s.type === 'approval',
        });
        if (s.proposer) expect(organisationKindForRole(s.proposer.role)).toBe(s.proposer.party);
      }
    });

    it('never lets the gate wait on a step it does not require, nor a mandatory step on an optional one', () => {
      for (const s of steps) {
        for (const dep of s.dependsOn) {
          if (s.requiredForStart)
            expect({ step: s.key, dep, required: step(dep).requiredForStart }).toMatchObject({
              required: true,
            });
          if (!s.waivable)
            expect({ step: s.key, dep, waivable: step(dep).waivable }).toMatchObject({
              waivable: false,
            });
        }
      }
    });

    it('times the phases around the service start', () => {
      for (const s of steps) {
        if (s.phase === 'production') {
          expect(s.dueOffsetDays).toBeGreaterThan(0);
          expect(s.requiredForStart).toBe(false);
        } else {
          expect(s.dueOffsetDays).toBeLessThan(0);
          expect(s.requiredForStart).toBe(true);
        }
      }
    });

    it('requires, and never waives, what the service start must have', () => {
      const mandatory = [
        'service_agreement',
        'peacetime_runbook',
        'incident_runbook',
        'communication_language',
        'domain_authorisation_signature',
        'domain_permission_email',
        'group_policy_design',
        'migration_plan',
        'update_policy',
        'notification_routing',
        'existing_av_plan',
      ];
      for (const key of mandatory)
        expect(step(key)).toMatchObject({ requiredForStart: true, waivable: false });
      expect(step('domain_authorisation_signature')).toMatchObject({
        type: 'signature',
        party: 'customer',
        role: 'customer_security_lead',
      });
      expect(step('domain_permission_email')).toMatchObject({
        type: 'email_confirmation',
        party: 'customer',
        role: 'customer_security_lead',
      });
      expect(step('switch_to_block_mode')).toMatchObject({
        phase: 'production',
        requiredForStart: false,
      });
      expect(step('effectiveness_check').waivable).toBe(true);
      expect(step('staff_briefing').waivable).toBe(true);
    });

    it('types the keyed steps as the features attached to them expect', () => {
      const types: Record<string, StepDefinition['type']> = {
        endpoint_inventory: 'task',
        // Version 2 makes both approvals of server-taken snapshots.
        unsupported_os_decisions: version === '1' ? 'automatic_check' : 'approval',
        update_waves_plan: version === '1' ? 'task' : 'approval',
        existing_av_plan: 'approval',
        av_quarantine_conflict_check: 'automatic_check',
        group_policy_design: 'approval',
        server_detect_mode_check: 'automatic_check',
        group_coverage_check: 'automatic_check',
        update_policy: 'approval',
        migration_plan: 'approval',
        sensor_deployment_started: 'task',
        tuning_period_completed: 'task',
        switch_to_block_mode: 'task',
        effectiveness_check: 'task',
        static_block_list: 'approval',
        notification_routing: 'approval',
        provider_requirements_check: 'automatic_check',
        service_agreement: 'approval',
        peacetime_runbook: 'approval',
        incident_runbook: 'approval',
        communication_language: 'approval',
        console_access_granted: 'task',
        staff_briefing: 'task',
      };
      for (const [key, type] of Object.entries(types))
        expect({ key, type: step(key).type }).toEqual({ key, type });
      expect(step('endpoint_inventory')).toMatchObject({ party: 'customer', role: 'customer_it' });
      if (version === '2') {
        // The provider lead proposes the waves; country IT staff, who run the links, approve them.
        expect(step('update_waves_plan')).toMatchObject({
          role: 'customer_it',
          proposer: { party: 'provider', role: 'provider_lead' },
        });
        expect(step('unsupported_os_decisions')).toMatchObject({
          role: 'customer_security_lead',
          proposer: { party: 'provider', role: 'provider_lead' },
        });
      }
      expect(step('console_access_granted').party).toBe('provider');
      expect(step('tuning_period_completed').phase).toBe('pre_production');
    });
  },
);

describe('version 2 of the standard template', () => {
  it('keeps every step of version 1, in order, and leaves version 1 as it was recorded', () => {
    expect(EDR_MDR_ONBOARDING_V2.steps.map((s) => s.key)).toEqual(
      EDR_MDR_ONBOARDING_V1.steps.map((s) => s.key),
    );
    expect(EDR_MDR_ONBOARDING_V1.version).toBe(1);
    expect(EDR_MDR_ONBOARDING_V1.steps.find((s) => s.key === 'group_coverage_check')?.role).toBe(
      'customer_it',
    );
  });

  it('gives group_coverage_check to the provider, who designs (and fixes) the groups', () => {
    expect(EDR_MDR_ONBOARDING_V2.steps.find((s) => s.key === 'group_coverage_check')).toMatchObject(
      { party: 'provider', role: 'provider_lead' },
    );
  });
});
