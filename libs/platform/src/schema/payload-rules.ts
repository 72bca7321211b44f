import { z } from 'zod';

// Builders of payload schemas whose refusals read like the rest of the API: one reason per
// field ("is required", "must be at most 200 characters"), the first broken rule only
// (`fieldErrorsOf` keeps a field's first built-in refusal). Nothing aborts the parse, so the
// rules across fields still run beside a wrong field, as a person correcting a form expects.

export interface TextRule {
  min?: number;
  max: number;
  pattern?: RegExp;
  /** The reason given when the pattern does not match. */
  patternReason?: string;
}

export interface RangeRule {
  min: number;
  max: number;
}

export interface CountRule {
  min?: number;
  max: number;
}

/** For a field's own refinement after its built-in checks: run only when they passed. */
export const IF_VALID_SO_FAR = {
  when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0,
} as const;

function isMissing(input: unknown): boolean {
  return input === undefined || input === null;
}

/** The reason for a value of the wrong JSON type; a missing one (absent or null) is required. */
function typeReason(reason: string): (issue: { input?: unknown }) => string {
  return (issue) => (isMissing(issue.input) ? 'is required' : reason);
}

/** A trimmed string of `min` (default 1) to `max` characters, optionally matching a pattern. */
export function text(rule: TextRule) {
  const min = rule.min ?? 1;
  const schema = z
    .string({ error: typeReason('must be a string') })
    .trim()
    .min(min, {
      error: min === 1 ? 'must not be empty' : `must be at least ${min} characters`,
    })
    .max(rule.max, { error: `must be at most ${rule.max} characters` });
  if (!rule.pattern) return schema;
  return schema.regex(rule.pattern, { error: rule.patternReason ?? 'has the wrong format' });
}

/** A whole number within a range. */
export function integer(rule: RangeRule) {
  const between = `must be between ${rule.min} and ${rule.max}`;
  return z
    .int({ error: typeReason('must be an integer') })
    .min(rule.min, { error: between })
    .max(rule.max, { error: between });
}

/** One value of a closed list. */
export function oneOf<const T extends readonly [string, ...string[]]>(options: T) {
  return z.enum(options, { error: typeReason(`must be one of: ${options.join(', ')}`) });
}

/** A JSON object with exactly these keys; any other key is refused by name. */
export function record<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, { error: typeReason('must be an object') });
}

/** An array of `min` (default 0) to `max` items. */
export function list<Item extends z.ZodType>(item: Item, rule: CountRule) {
  const min = rule.min ?? 0;
  return z
    .array(item, { error: typeReason('must be an array') })
    .min(min, {
      error: min === 1 ? 'must not be empty' : `must have at least ${min} entries`,
    })
    .max(rule.max, { error: `must have at most ${rule.max} entries` });
}

export interface NoRepeatsOptions {
  /** Where below the item the repeat is named (default: the item itself). */
  path?: string[];
  reason?: (key: string, item: unknown) => string;
}

/**
 * A rule over a list: an item whose key (undefined for one not valid enough to compare)
 * repeats an earlier item's is refused at its index, `repeats <key>` unless told otherwise.
 */
export function noRepeats(
  keyOf: (item: unknown) => string | undefined,
  options: NoRepeatsOptions = {},
) {
  const reason = options.reason ?? ((key: string) => `repeats ${key}`);
  return z.superRefine(
    (items: unknown[], ctx) => {
      const seen = new Set<string>();
      items.forEach((item, index) => {
        const key = keyOf(item);
        if (key === undefined) return;
        if (seen.has(key)) refuseItem(ctx, [index, ...(options.path ?? [])], reason(key, item));
        seen.add(key);
      });
    },
    { when: (payload) => Array.isArray(payload.value) },
  );
}

/** An array of distinct values (compared once each is valid); a repeat is named by its index. */
export function distinctList<Item extends z.ZodType<string>>(item: Item, rule: CountRule) {
  return list(item, rule).check(noRepeats((raw) => validPart(item, raw)));
}

/** Issue params of a rule over a list that names one item: the item's index, from the end. */
export const ITEM_INDEX_FROM_END = 'itemIndexFromEnd';

/**
 * Refuses a field of one item from a rule over the whole list (a repeat). The error is read
 * with that item's own errors, as a person reads the list, not after the last item's.
 */
export function refuseItem(
  ctx: z.RefinementCtx,
  path: [number, ...Array<string | number>],
  reason: string,
): void {
  ctx.addIssue({
    code: 'custom',
    path,
    message: reason,
    params: { [ITEM_INDEX_FROM_END]: path.length },
  });
}

/** An optional field: absent or null both mean "not given". */
export function optional<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => value ?? undefined, schema.optional());
}

/** An optional list: absent or null is the empty list. */
export function optionalList<Item extends z.ZodType>(schema: z.ZodArray<Item>) {
  return z.preprocess((value) => value ?? undefined, schema.default([]));
}

/** The value when it passes the schema on its own, else undefined (for rules across fields). */
export function validPart<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): z.output<Schema> | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

export interface RuleContext {
  /** Refuses the field at `path` below the checked object. */
  refuse(path: ReadonlyArray<string | number>, reason: string): void;
}

/**
 * A rule across the fields of an object, run even when some fields are wrong (as a person
 * correcting a form wants every problem at once). It reads the raw fields through `validPart`.
 */
export function crossFieldRule(
  rule: (fields: Readonly<Record<string, unknown>>, context: RuleContext) => void,
) {
  return z.superRefine(
    (value: unknown, ctx) => {
      rule(value as Record<string, unknown>, {
        refuse: (path, reason) =>
          ctx.addIssue({ code: 'custom', path: [...path], message: reason, input: value }),
      });
    },
    {
      when: (payload) =>
        typeof payload.value === 'object' &&
        payload.value !== null &&
        !Array.isArray(payload.value),
    },
  );
}
