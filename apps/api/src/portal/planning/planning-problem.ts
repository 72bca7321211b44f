import { DomainException } from '@app/platform';
import { problemOf } from '../errors/form-problem';
import type { FormProblem } from '../protection/protection-page.service';

/**
 * A refused planning form: which form, and for a conflict its code's message (`messageKey`, in
 * the reader's language) with the facts the service gave: its reasons, else its message (which
 * names the clashing group, the incident's status…).
 */
export interface PlanningProblem extends FormProblem {
  /** `create`, or `<groupId>` / `policy:<groupId>` / `site:<name>` / `entry:<id>` / `request:<id>`. */
  form: string;
  message: string | null;
  reasons: string[];
  /** An incident refused to close: the titles of the runbook tasks still open. */
  openTasks?: string[];
}

export function planningProblemOf(error: unknown, form: string, values: Record<string, string>): { problem: PlanningProblem; status: number } {
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
