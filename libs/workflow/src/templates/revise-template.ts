import type { StepDefinition, TemplateDefinition } from './template.types';

/** What a new version changes in one step of the version it revises. */
export type StepRevision = Partial<Omit<StepDefinition, 'key'>>;

/**
 * A new version of a template, written as what changes from the one before (so a reader sees the
 * difference, and the earlier version stays as it was: onboardings made from it keep it, and the
 * database's recorded copy must not change). Every step key named must exist; new steps are
 * appended after `insertAfter` (or at the end).
 */
export function reviseTemplate(
  base: TemplateDefinition,
  version: number,
  changes: {
    steps?: Record<string, StepRevision>;
    added?: { step: StepDefinition; insertAfter?: string }[];
    template?: Partial<Pick<TemplateDefinition, 'name' | 'description' | 'phases'>>;
  },
): TemplateDefinition {
  if (version <= base.version)
    throw new Error(`Template ${base.key}: version ${version} must come after ${base.version}`);
  for (const key of Object.keys(changes.steps ?? {})) {
    if (!base.steps.some((s) => s.key === key))
      throw new Error(`Template ${base.key}@${version} revises unknown step ${key}`);
  }
  const steps = base.steps.map((step) => ({ ...step, ...(changes.steps?.[step.key] ?? {}) }));
  for (const { step, insertAfter } of changes.added ?? []) {
    const at =
      insertAfter === undefined ? steps.length : steps.findIndex((s) => s.key === insertAfter) + 1;
    if (at === 0)
      throw new Error(
        `Template ${base.key}@${version}: no step ${insertAfter} to add ${step.key} after`,
      );
    steps.splice(at, 0, step);
  }
  return { ...base, ...changes.template, version, steps };
}
