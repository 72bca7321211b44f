import { TemplateDefinition } from './template.types';
import { TemplateValidationError, validateTemplate } from './template-validation';

const text = { ja: 'テスト', en: 'Test', zh: '测试' };
const template = (): TemplateDefinition => ({
  key: 'tiny',
  version: 1,
  name: text,
  description: text,
  phases: [
    { key: 'introduction', title: text, description: text },
    { key: 'pre_production', title: text, description: text },
    { key: 'production', title: text, description: text },
  ],
  steps: [
    {
      key: 'first',
      title: text,
      description: text,
      type: 'task',
      party: 'provider',
      role: 'provider_lead',
      dependsOn: [],
      dueOffsetDays: -10,
      phase: 'introduction',
      area: 'environment',
      requiredForStart: true,
      waivable: false,
    },
    {
      key: 'second',
      title: text,
      description: text,
      type: 'approval',
      party: 'customer',
      role: 'customer_security_lead',
      proposer: { party: 'provider', role: 'provider_lead' },
      dependsOn: ['first'],
      dueOffsetDays: -5,
      phase: 'pre_production',
      area: 'mdr_service',
      requiredForStart: true,
      waivable: false,
    },
  ],
});

function failure(mutate: (t: TemplateDefinition) => void): TemplateValidationError {
  const t = template();
  mutate(t);
  try {
    validateTemplate(t);
  } catch (error) {
    if (error instanceof TemplateValidationError) return error;
    throw error;
  }
  throw new Error('expected the template to be refused');
}

describe('validateTemplate', () => {
  it('accepts a well-formed template', () => {
    expect(() => validateTemplate(template())).not.toThrow();
  });

  it('names the template and step of an unknown dependency', () => {
    const error = failure((t) => (t.steps[1].dependsOn = ['nope']));
    expect(error.message).toBe(
      'Workflow template "tiny", step "second": depends on unknown step "nope"',
    );
  });

  it('refuses a cycle, naming it', () => {
    const error = failure((t) => (t.steps[0].dependsOn = ['second']));
    expect(error.message).toMatch(
      /dependency cycle (first -> second -> first|second -> first -> second)/,
    );
  });

  it('refuses a missing translation', () => {
    const error = failure((t) => (t.steps[0].title = { ja: 'テスト', en: 'Test', zh: '' }));
    expect(error.message).toContain('step "first": missing zh translation of title');
  });

  it('takes an evidence flag on tasks only, and only required or optional', () => {
    const t = template();
    t.steps[0].evidence = 'required';
    expect(() => validateTemplate(t)).not.toThrow();
    expect(failure((x) => (x.steps[0].evidence = 'always' as never)).message).toContain(
      'step "first": evidence must be one of required, optional',
    );
    expect(failure((x) => (x.steps[1].evidence = 'optional')).message).toContain(
      'step "second": only tasks take evidence files',
    );
  });

  it('refuses an unknown role and a role of the wrong party', () => {
    expect(failure((t) => (t.steps[0].role = 'janitor' as never)).message).toContain(
      'unknown role "janitor"',
    );
    expect(failure((t) => (t.steps[0].role = 'customer_it')).message).toContain(
      'does not belong to party provider',
    );
  });

  it('refuses duplicate keys and a missing phase', () => {
    expect(failure((t) => (t.steps[1].key = 'first')).message).toContain('key is used twice');
    expect(failure((t) => t.phases.pop()).message).toContain('phase "production" is missing');
  });
});
