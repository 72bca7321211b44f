import { DomainException, ValidationException } from '@app/platform';

/** A refused form, shown again with what was typed. */
export interface FormProblem {
  /** Catalog key under `protection.error.` */
  key: 'invalid' | 'forbidden' | 'conflict';
  fields: { field: string; reason: string }[];
  values: Record<string, string>;
}

/**
 * A refused form on a page with several: which form, and for a conflict the service's message
 * and reasons.
 */
export interface NamedFormProblem extends FormProblem {
  /** `create`, or `<groupId>` / `policy:<groupId>` / `site:<name>` / `entry:<id>` / `request:<id>`. */
  form: string;
  message: string | null;
  reasons: string[];
  /** An incident refused to close: the titles of the runbook tasks still open. */
  openTasks?: string[];
}

/** A posted form's typed values without its CSRF token, to show again on a refused form. */
export function valuesOf(form: object): Record<string, string> {
  const { _csrf: _token, ...rest } = form as Record<string, string | undefined>;
  return Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** A refused change as the page shows it; anything else is not ours to explain. */
export function problemOf(error: unknown, values: Record<string, string>): { problem: FormProblem; status: number } {
  if (error instanceof ValidationException) return { problem: { key: 'invalid', fields: error.fields, values }, status: 400 };
  if (error instanceof DomainException && error.code === 'FORBIDDEN') return { problem: { key: 'forbidden', fields: [], values }, status: 403 };
  if (error instanceof DomainException && error.code === 'CONFLICT') return { problem: { key: 'conflict', fields: [], values }, status: 409 };
  throw error;
}

export function namedFormProblemOf(error: unknown, form: string, values: Record<string, string>): { problem: NamedFormProblem; status: number } {
  const { problem, status } = problemOf(error, values);
  const conflict = error instanceof DomainException && problem.key === 'conflict';
  const details = conflict ? ((error.details ?? {}) as { reasons?: unknown }) : {};
  const reasons = Array.isArray(details.reasons) ? details.reasons.map(String) : [];
  const openTasks = conflict ? openTaskTitles(error.details) : null;
  if (openTasks) return { problem: { ...problem, form, message: null, reasons: [], openTasks }, status };
  return { problem: { ...problem, form, message: conflict && reasons.length === 0 ? error.message : null, reasons }, status };
}

function openTaskTitles(details: unknown): string[] | null {
  const open = (details as { openTasks?: unknown } | undefined)?.openTasks;
  return Array.isArray(open) ? open.map((task) => String((task as { title?: unknown }).title ?? '')) : null;
}
