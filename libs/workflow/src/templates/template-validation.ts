import { ROLES } from '@app/access';
import {
  AREAS,
  EVIDENCE_REQUIREMENTS,
  PARTIES,
  PHASES,
  STEP_TYPES,
  StepDefinition,
  TemplateDefinition,
} from './template.types';

const LANGS = ['ja', 'en', 'zh'] as const;

export class TemplateValidationError extends Error {
  constructor(
    readonly templateKey: string,
    readonly stepKey: string | null,
    reason: string,
  ) {
    super(`Workflow template "${templateKey}"${stepKey ? `, step "${stepKey}"` : ''}: ${reason}`);
    this.name = 'TemplateValidationError';
  }
}

function checkText(template: string, step: string | null, field: string, text: unknown): void {
  const value = text as Record<string, unknown> | undefined;
  for (const lang of LANGS) {
    if (typeof value?.[lang] !== 'string' || (value[lang] as string).trim() === '') {
      throw new TemplateValidationError(template, step, `missing ${lang} translation of ${field}`);
    }
  }
}

function checkStep(template: TemplateDefinition, step: StepDefinition, keys: Set<string>): void {
  const fail = (reason: string): never => {
    throw new TemplateValidationError(template.key, step.key, reason);
  };
  if (!/^[a-z][a-z0-9_]{1,63}$/.test(step.key)) fail('key must be snake_case');
  checkText(template.key, step.key, 'title', step.title);
  checkText(template.key, step.key, 'description', step.description);
  if (!STEP_TYPES.includes(step.type)) fail(`unknown type "${step.type}"`);
  if (!PARTIES.includes(step.party)) fail(`unknown party "${step.party}"`);
  if (!ROLES.includes(step.role)) fail(`unknown role "${step.role}"`);
  if (step.proposer && !ROLES.includes(step.proposer.role))
    fail(`unknown proposer role "${step.proposer.role}"`);
  const customerRole = step.role.startsWith('customer_');
  if (customerRole !== (step.party === 'customer'))
    fail(`role ${step.role} does not belong to party ${step.party}`);
  if (!PHASES.includes(step.phase)) fail(`unknown phase "${step.phase}"`);
  if (!AREAS.includes(step.area)) fail(`unknown area "${step.area}"`);
  if (!Number.isInteger(step.dueOffsetDays)) fail('dueOffsetDays must be a whole number of days');
  for (const dependency of step.dependsOn) {
    if (!keys.has(dependency)) fail(`depends on unknown step "${dependency}"`);
    if (dependency === step.key) fail('depends on itself');
  }
  if (step.evidence !== undefined) {
    if (!EVIDENCE_REQUIREMENTS.includes(step.evidence))
      fail(`evidence must be one of ${EVIDENCE_REQUIREMENTS.join(', ')}`);
    if (step.type !== 'task') fail('only tasks take evidence files');
  }
  const r = step.reminders;
  if (r && (r.maxReminders < 0 || r.afterDueEveryDays < 1 || r.beforeDueDays.some((d) => d < 0))) {
    fail('reminder schedule must use positive days');
  }
}

/** Depth-first search naming a step on a dependency cycle. */
function findCycle(steps: StepDefinition[]): string[] | null {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (key: string): string[] | null => {
    if (state.get(key) === 'done') return null;
    if (state.get(key) === 'visiting') return [...path.slice(path.indexOf(key)), key];
    state.set(key, 'visiting');
    path.push(key);
    for (const dependency of byKey.get(key)?.dependsOn ?? []) {
      const cycle = visit(dependency);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(key, 'done');
    return null;
  };
  for (const step of steps) {
    const cycle = visit(step.key);
    if (cycle) return cycle;
  }
  return null;
}

/** Refuses a template with unknown dependencies, cycles, missing translations or unknown roles. */
export function validateTemplate(template: TemplateDefinition): void {
  if (!/^[a-z0-9-]{2,64}$/.test(template.key)) {
    throw new TemplateValidationError(
      template.key,
      null,
      'key must be lower-case letters, digits and dashes',
    );
  }
  if (!Number.isInteger(template.version) || template.version < 1) {
    throw new TemplateValidationError(
      template.key,
      null,
      'version must be a positive whole number',
    );
  }
  checkText(template.key, null, 'name', template.name);
  checkText(template.key, null, 'description', template.description);
  for (const phase of PHASES) {
    const definition = template.phases.find((p) => p.key === phase);
    if (!definition)
      throw new TemplateValidationError(template.key, null, `phase "${phase}" is missing`);
    checkText(template.key, null, `phase ${phase} title`, definition.title);
  }
  const keys = new Set<string>();
  for (const step of template.steps) {
    if (keys.has(step.key))
      throw new TemplateValidationError(template.key, step.key, 'key is used twice');
    keys.add(step.key);
  }
  if (keys.size === 0) throw new TemplateValidationError(template.key, null, 'has no steps');
  for (const step of template.steps) checkStep(template, step, keys);
  const cycle = findCycle(template.steps);
  if (cycle) {
    throw new TemplateValidationError(
      template.key,
      cycle[0],
      `dependency cycle ${cycle.join(' -> ')}`,
    );
  }
}
