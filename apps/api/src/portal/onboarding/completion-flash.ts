import { acceptedExtensions } from '@app/evidence';
import { DomainException, ValidationException } from '@app/platform';
import {
  CompletionInput,
  EVIDENCE_REASONS,
  EvidenceLimits,
  MAX_NOTE_LENGTH,
  StepView,
} from '@app/workflow';
import type { Flash } from '../session/flash';
import { stepErrorFlash } from './step-action-flash';

/** A size for people: 980 B, 12.3 KB, 10 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KB'] : [bytes / (1024 * 1024), 'MB'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

function reasonsOf(details: unknown): string[] {
  const reasons = (details as { reasons?: unknown } | undefined)?.reasons;
  return Array.isArray(reasons) ? reasons.map(String) : [];
}

/**
 * A refused completion in the catalog's words: what is wrong with the note or a file (named),
 * a measured precondition that does not hold yet (STEP_NOT_READY: its reasons as the step card
 * listed them in the page's language, else the engine's), or else as any refused step action.
 * `current` is the step as loaded before the action.
 */
export function completionErrorFlash(
  error: DomainException,
  current: StepView,
  input: CompletionInput,
  limits: EvidenceLimits,
): Flash {
  const flash = (key: string, params: Record<string, string | number> = {}): Flash => ({
    kind: 'error',
    key: `error.${key}`,
    params: { step: current.title, ...params },
    stepKey: current.key,
  });
  if (error instanceof ValidationException && error.fields.length > 0) {
    const { field, reason } = error.fields[0];
    if (field === 'note') return flash('noteTooLong', { max: MAX_NOTE_LENGTH });
    if (field === 'files') {
      if (reason === EVIDENCE_REASONS.required) return flash('evidenceRequired');
      if (reason === EVIDENCE_REASONS.notTaken) return flash('evidenceNotTaken');
      return flash('evidenceTooMany', { max: limits.maxFiles });
    }
    const index = /^files\[(\d+)\]$/.exec(field);
    if (index) {
      const name = input.files?.[Number(index[1])]?.fileName ?? '';
      if (reason === EVIDENCE_REASONS.tooLarge(limits.maxFileBytes))
        return flash('evidenceTooLarge', { name, max: formatBytes(limits.maxFileBytes) });
      if (reason === EVIDENCE_REASONS.empty || reason === EVIDENCE_REASONS.noName)
        return flash('evidenceEmpty', { name });
      return flash('evidenceType', { name, allowed: acceptedExtensions(limits.types).join(', ') });
    }
  }
  if (error.code === 'STEP_NOT_READY') {
    const reasons =
      current.completionBlockers.length > 0 ? current.completionBlockers : reasonsOf(error.details);
    if (reasons.length > 0) return flash('notYet', { reasons: reasons.join(' / ') });
  }
  return stepErrorFlash(error, 'complete', current);
}
