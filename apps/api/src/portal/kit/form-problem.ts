import { DomainException, ValidationException } from '@app/platform';
import { refusalOf } from '../errors/refusal';
import type { RefusalReader } from './submit-form';

/** A refused form, shown again with what was typed. */
export interface FormProblem {
  /** Catalog key under `protection.error.` */
  key: 'invalid' | 'forbidden' | 'conflict';
  /** For a refusal by the object's state: its code's explanation (`errors.code.<CODE>`). */
  messageKey?: string;
  fields: { field: string; reason: string }[];
  values: Record<string, string>;
}

/**
 * A refused form on a page with several: which form, and for a conflict its code's message
 * (`messageKey`, in the reader's language) with the facts the service gave: its reasons, else
 * its message (which names the clashing group, the incident's status…).
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
  return Object.fromEntries(
    Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/**
 * Reads a refused form as the page shows it again: the refused fields (400), a refusal of the
 * person (403) or of the object's state (409, with its code's message). Anything else (null) is
 * not the form's to explain and goes on to the portal's filter, which answers with its code's
 * error page.
 */
export function formProblem(values: Record<string, string>): RefusalReader<FormProblem> {
  return (error) => {
    if (error instanceof ValidationException)
      return { problem: { key: 'invalid', fields: error.fields, values }, status: 400 };
    const refusal = refusalOf(error);
    if (refusal?.status === 403)
      return { problem: { key: 'forbidden', fields: [], values }, status: 403 };
    if (refusal?.status === 409)
      return {
        problem: { key: 'conflict', messageKey: refusal.messageKey, fields: [], values },
        status: 409,
      };
    return null;
  };
}

/** As `formProblem`, for one of several forms on a page, with the lib's facts of a conflict. */
export function namedFormProblem(
  form: string,
  values: Record<string, string>,
): RefusalReader<NamedFormProblem> {
  return (error) => {
    const refused = formProblem(values)(error);
    if (!refused) return null;
    const { problem, status } = refused;
    const conflict = error instanceof DomainException && problem.key === 'conflict';
    const details = conflict ? ((error.details ?? {}) as { reasons?: unknown }) : {};
    const reasons = Array.isArray(details.reasons) ? details.reasons.map(String) : [];
    const openTasks = conflict ? openTaskTitles(error.details) : null;
    if (openTasks)
      return { problem: { ...problem, form, message: null, reasons: [], openTasks }, status };
    return {
      problem: {
        ...problem,
        form,
        message: conflict && reasons.length === 0 ? error.message : null,
        reasons,
      },
      status,
    };
  };
}

function openTaskTitles(details: unknown): string[] | null {
  const open = (details as { openTasks?: unknown } | undefined)?.openTasks;
  return Array.isArray(open)
    ? open.map((task) => String((task as { title?: unknown }).title ?? ''))
    : null;
}
