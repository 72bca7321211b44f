import type { FieldError } from '@app/platform';
import { ValidationException } from '@app/platform';
import {
  GROUP_KINDS,
  GroupKind,
  GroupRule,
  POLICY_MODES,
  PolicySettings,
  SiteFigures,
  TUNING_DECISIONS,
  TuningDecision,
  UPDATE_MODES,
} from '@app/rollout';

/* Reading the planning pages' form fields into the services' inputs, with the API's limits. */

export type FormValues = Record<string, string | undefined>;

/** A comma-, semicolon- or line-separated list, trimmed, without blanks or repeats. */
export function parseList(text: string | undefined): string[] {
  return [
    ...new Set(
      (text ?? '')
        .split(/[,;\r\n]+/)
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    ),
  ];
}

/** A number field: undefined (with an error pushed) when missing, not a number, or out of range. */
function numberField(
  values: FormValues,
  field: string,
  min: number,
  max: number,
  errors: FieldError[],
  integer = false,
): number {
  const text = (values[field] ?? '').trim();
  const value = Number(text);
  if (
    text === '' ||
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < min ||
    value > max
  ) {
    errors.push({
      field,
      reason: `must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`,
    });
    return NaN;
  }
  return value;
}

function oneOf<T extends string>(
  values: FormValues,
  field: string,
  allowed: readonly T[],
  errors: FieldError[],
): T {
  const value = values[field] ?? '';
  if (!(allowed as readonly string[]).includes(value))
    errors.push({ field, reason: `must be one of ${allowed.join(', ')}` });
  return value as T;
}

const CHECKBOXES = {
  type: { typeClient: 'client', typeServer: 'server' },
  osFamily: { osWindows: 'windows', osLinux: 'linux', osMacos: 'macos' },
} as const;

/** The rule from its form fields: ticked types and OS families, and lists of sites, countries and tags. */
export function ruleFromForm(values: FormValues): GroupRule {
  const rule: Record<string, string[]> = {};
  for (const [criterion, boxes] of Object.entries(CHECKBOXES)) {
    const ticked = Object.entries(boxes)
      .filter(([name]) => values[name] === 'on')
      .map(([, value]) => value);
    if (ticked.length > 0) rule[criterion] = ticked;
  }
  const lists = {
    site: parseList(values.sites),
    country: parseList(values.countries).map((c) => c.toUpperCase()),
    tags: parseList(values.tags),
  };
  for (const [criterion, list] of Object.entries(lists))
    if (list.length > 0) rule[criterion] = list;
  return rule as GroupRule;
}

export interface GroupFormInput {
  name: string;
  kind: GroupKind;
  priority: number;
  rule?: GroupRule;
  hostnames?: string[];
}

/** A group form: a rule (the criteria fields) or an explicit list (one hostname per line or comma). */
export function groupFromForm(values: FormValues): GroupFormInput {
  const errors: FieldError[] = [];
  const name = (values.name ?? '').trim();
  if (name.length < 1 || name.length > 120)
    errors.push({ field: 'name', reason: 'must be 1 to 120 characters' });
  const kind = oneOf(values, 'kind', GROUP_KINDS, errors);
  const priority = numberField(values, 'priority', 0, 100000, errors, true);
  const definition = oneOf(values, 'definition', ['rule', 'explicit'] as const, errors);
  const hostnames = parseList(values.hostnames);
  if (definition === 'explicit' && hostnames.length === 0)
    errors.push({ field: 'hostnames', reason: 'must name at least one endpoint' });
  if (errors.length > 0) throw new ValidationException(errors);
  return definition === 'rule'
    ? { name, kind, priority, rule: ruleFromForm(values) }
    : { name, kind, priority, hostnames };
}

export function policyFromForm(values: FormValues): PolicySettings {
  const errors: FieldError[] = [];
  const mode = oneOf(values, 'mode', POLICY_MODES, errors);
  const updates = oneOf(values, 'updates', UPDATE_MODES, errors);
  const maxConcurrentUpdates = numberField(values, 'maxConcurrentUpdates', 1, 100000, errors, true);
  if (errors.length > 0) throw new ValidationException(errors);
  return { mode, quarantine: values.quarantine === 'on', updates, maxConcurrentUpdates };
}

export function siteFiguresFromForm(values: FormValues): SiteFigures {
  const errors: FieldError[] = [];
  const figures = {
    linkMbps: numberField(values, 'linkMbps', 0.001, 1_000_000, errors),
    updateSharePercent: numberField(values, 'updateSharePercent', 0.001, 100, errors),
    peakUseMbps: numberField(values, 'peakUseMbps', 0, 1_000_000, errors),
    packageSizeMb: numberField(values, 'packageSizeMb', 0.001, 100_000, errors),
    downloadMbps: numberField(values, 'downloadMbps', 0.001, 100_000, errors),
  };
  if (errors.length > 0) throw new ValidationException(errors);
  return figures;
}

/** A tuning decision field; empty is none. */
export function decisionFromForm(
  values: FormValues,
  errors: FieldError[],
): TuningDecision | undefined {
  const value = (values.decision ?? '').trim();
  if (value === '') return undefined;
  if (!(TUNING_DECISIONS as readonly string[]).includes(value))
    errors.push({ field: 'decision', reason: `must be one of ${TUNING_DECISIONS.join(', ')}` });
  return value as TuningDecision;
}

export function requireText(
  values: FormValues,
  field: string,
  max: number,
  errors: FieldError[],
): string {
  const value = (values[field] ?? '').trim();
  if (value.length < 1 || value.length > max)
    errors.push({ field, reason: `must be 1 to ${max} characters` });
  return value;
}
