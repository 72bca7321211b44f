import { isDeepStrictEqual } from 'node:util';
import { fieldPath } from '@app/platform';

export interface FieldChange {
  /** `sla.critical.acknowledgeMinutes`, `escalationContacts[1].email`, `steps[key=monthly_report].timing`. */
  path: string;
  /** null when the field was absent. */
  before: unknown;
  after: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLeafArray(value: unknown[]): boolean {
  return value.every((item) => !isRecord(item) && !Array.isArray(item));
}

/** Arrays whose elements all carry a distinct string `key` (runbook steps) are matched by key. */
function keyed(value: unknown[]): Map<string, unknown> | null {
  const map = new Map<string, unknown>();
  for (const item of value) {
    if (!isRecord(item) || typeof item.key !== 'string' || map.has(item.key)) return null;
    map.set(item.key, item);
  }
  return map;
}

function walk(before: unknown, after: unknown, path: string, changes: FieldChange[]): void {
  if (isDeepStrictEqual(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) walk(before[key], after[key], fieldPath(path, key), changes);
    return;
  }
  if (
    Array.isArray(before) &&
    Array.isArray(after) &&
    !(isLeafArray(before) && isLeafArray(after))
  ) {
    const beforeKeyed = keyed(before);
    const afterKeyed = keyed(after);
    if (beforeKeyed && afterKeyed) {
      const keys = [...new Set([...beforeKeyed.keys(), ...afterKeyed.keys()])];
      for (const key of keys)
        walk(beforeKeyed.get(key), afterKeyed.get(key), `${path}[key=${key}]`, changes);
      // A reordering with no other change still matters (e.g. step order); report the order.
      const beforeOrder = before.map((item) => (item as { key: string }).key);
      const afterOrder = after.map((item) => (item as { key: string }).key);
      const common = (order: string[], other: Map<string, unknown>) =>
        order.filter((k) => other.has(k));
      if (!isDeepStrictEqual(common(beforeOrder, afterKeyed), common(afterOrder, beforeKeyed))) {
        changes.push({ path: `${path}[*].order`, before: beforeOrder, after: afterOrder });
      }
      return;
    }
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index += 1)
      walk(before[index], after[index], fieldPath(path, index), changes);
    return;
  }
  changes.push({
    path: path || '(root)',
    before: (before ?? null) as Json,
    after: (after ?? null) as Json,
  });
}

/**
 * Field-by-field differences between two versions' content, in document order. Objects are
 * compared key by key; arrays of objects element by element (by `key` where every element has
 * one, else by position, since position is meaningful, e.g. escalation order); arrays of plain
 * values (countries, languages) and scalars are compared whole.
 */
export function compareContent(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(before, after, '', changes);
  return changes;
}
