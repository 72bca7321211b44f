import type { FieldError } from '@app/platform/errors/domain-exception';

/** `a.b`, `a[1].b`: the paths every validation error of this lib names. */
export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

export interface StringRule {
  min?: number;
  max: number;
  pattern?: RegExp;
  /** The reason given when the pattern does not match. */
  patternReason?: string;
}

export interface IntRule {
  min: number;
  max: number;
}

export interface ArrayRule {
  min?: number;
  max: number;
}

/**
 * Reads untrusted JSON into typed values, collecting every problem as a field path and a
 * reason instead of stopping at the first. Each method returns null for a missing or bad value
 * (and records why), so callers can go on reading the rest and report everything in one 400.
 */
export class FieldReader {
  readonly errors: FieldError[] = [];

  fail(field: string, reason: string): null {
    this.errors.push({ field, reason });
    return null;
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** A plain object with only the given keys; unknown keys are errors, like the global pipe's. */
  object(value: unknown, path: string, keys: readonly string[]): Record<string, unknown> | null {
    if (value === undefined || value === null) return this.fail(path || 'body', 'is required');
    if (typeof value !== 'object' || Array.isArray(value))
      return this.fail(path || 'body', 'must be an object');
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!keys.includes(key)) this.fail(fieldPath(path, key), 'is not a known field');
    }
    return record;
  }

  string(value: unknown, path: string, rule: StringRule): string | null {
    if (value === undefined || value === null) return this.fail(path, 'is required');
    if (typeof value !== 'string') return this.fail(path, 'must be a string');
    const trimmed = value.trim();
    const min = rule.min ?? 1;
    if (trimmed.length < min)
      return this.fail(
        path,
        min === 1 ? 'must not be empty' : `must be at least ${min} characters`,
      );
    if (trimmed.length > rule.max) return this.fail(path, `must be at most ${rule.max} characters`);
    if (rule.pattern && !rule.pattern.test(trimmed))
      return this.fail(path, rule.patternReason ?? 'has the wrong format');
    return trimmed;
  }

  optionalString(value: unknown, path: string, rule: StringRule): string | null {
    return value === undefined || value === null ? null : this.string(value, path, rule);
  }

  int(value: unknown, path: string, rule: IntRule): number | null {
    if (value === undefined || value === null) return this.fail(path, 'is required');
    if (typeof value !== 'number' || !Number.isInteger(value))
      return this.fail(path, 'must be an integer');
    if (value < rule.min || value > rule.max)
      return this.fail(path, `must be between ${rule.min} and ${rule.max}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T | null {
    if (value === undefined || value === null) return this.fail(path, 'is required');
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
      return this.fail(path, `must be one of: ${options.join(', ')}`);
    }
    return value as T;
  }

  array(value: unknown, path: string, rule: ArrayRule): unknown[] | null {
    if (value === undefined || value === null) return this.fail(path, 'is required');
    if (!Array.isArray(value)) return this.fail(path, 'must be an array');
    const min = rule.min ?? 0;
    if (value.length < min)
      return this.fail(path, min === 1 ? 'must not be empty' : `must have at least ${min} entries`);
    if (value.length > rule.max) return this.fail(path, `must have at most ${rule.max} entries`);
    return value;
  }

  /** An array of distinct values from a closed list; a repeat is an error naming its index. */
  setOf<T extends string>(
    value: unknown,
    path: string,
    options: readonly T[],
    rule: ArrayRule,
  ): T[] | null {
    const items = this.array(value, path, rule);
    if (!items) return null;
    const result: T[] = [];
    items.forEach((item, index) => {
      const read = this.oneOf(item, fieldPath(path, index), options);
      if (read === null) return;
      if (result.includes(read)) this.fail(fieldPath(path, index), `repeats ${read}`);
      else result.push(read);
    });
    return result;
  }

  /** Fields that must be absent in this variant (e.g. a timeout for a mode without one). */
  absent(
    record: Record<string, unknown>,
    path: string,
    keys: readonly string[],
    reason: string,
  ): void {
    for (const key of keys) {
      if (record[key] !== undefined) this.fail(fieldPath(path, key), reason);
    }
  }
}

/** HH:MM on a 24-hour clock; 24:00 only as an end time. */
export const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** An IANA time-zone name the runtime knows (Asia/Tokyo, Europe/London, UTC). */
export function isTimeZone(value: string): boolean {
  if (!/^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2})$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
