import type { z } from 'zod';
import type { FieldError } from '../errors/domain-exception';
import { ITEM_INDEX_FROM_END } from './payload-rules';

/** `a.b`, `a[1].b`: the paths every validation error names. */
export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (parent, key) => fieldPath(parent, typeof key === 'number' ? key : String(key)),
    '',
  );
}

function startsWith(path: ReadonlyArray<PropertyKey>, prefix: ReadonlyArray<PropertyKey>) {
  return prefix.every((key, index) => path[index] === key);
}

function itemIndexFromEnd(issue: z.core.$ZodIssue): number | undefined {
  if (issue.code !== 'custom') return undefined;
  const value: unknown = issue.params?.[ITEM_INDEX_FROM_END];
  return typeof value === 'number' ? value : undefined;
}

function move(issues: z.core.$ZodIssue[], issue: z.core.$ZodIssue, to: number): void {
  issues.splice(issues.indexOf(issue), 1);
  issues.splice(to, 0, issue);
}

/**
 * Zod's issues as the API's field errors, in reading order: an object's unknown keys are
 * named first (one error each), then its fields, then the rules across them; a list rule's
 * error about one item (a repeat) is read with that item's errors.
 */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const ordered = [...issues];
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    move(
      ordered,
      issue,
      ordered.findIndex((other) => startsWith(other.path, issue.path)),
    );
  }
  for (const issue of issues) {
    const fromEnd = itemIndexFromEnd(issue);
    if (fromEnd === undefined) continue;
    const depth = issue.path.length - fromEnd;
    const index = issue.path[depth] as number;
    const later = ordered.findIndex(
      (other) =>
        other !== issue &&
        startsWith(other.path, issue.path.slice(0, depth)) &&
        typeof other.path[depth] === 'number' &&
        (other.path[depth] as number) > index,
    );
    // The rule ran after every item; its error goes before the first later item's.
    if (later !== -1 && later < ordered.indexOf(issue)) move(ordered, issue, later);
  }
  // A field's first broken built-in rule is its reason ("must not be empty", not also "has the
  // wrong format"); refinements and rules across fields each add their own.
  const refused = new Set<string>();
  const firstPerField = ordered.filter((issue) => {
    if (issue.code === 'custom' || issue.code === 'unrecognized_keys') return true;
    const key = JSON.stringify(issue.path);
    if (refused.has(key)) return false;
    refused.add(key);
    return true;
  });
  return firstPerField.flatMap((issue) => {
    const field = pathOf(issue.path);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        field: fieldPath(field, key),
        reason: 'is not a known field',
      }));
    return [{ field: field || 'body', reason: issue.message }];
  });
}

export interface ReadResult<T> {
  value: T | null;
  errors: FieldError[];
}

/** Parses untrusted JSON: the normalised value, or every error as a field path and a reason. */
export function readPayload<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): ReadResult<z.output<Schema>> {
  const result = schema.safeParse(input);
  if (result.success) return { value: result.data, errors: [] };
  return { value: null, errors: fieldErrorsOf(result.error.issues) };
}

/**
 * Reads a JSON column written through the schema: typed, without a cast. A row that no longer
 * passes (hand-edited, or written by an older rule) is a fault, not a user's mistake.
 */
export function parseStored<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what: string,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrorsOf(result.error.issues)
    .map((e) => `${e.field}: ${e.reason}`)
    .join('; ');
  throw new Error(`Stored ${what} does not match its schema: ${errors}`);
}
