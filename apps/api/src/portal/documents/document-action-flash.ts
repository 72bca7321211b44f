import { DomainException, ValidationException } from '@app/platform';
import { refusalOf } from '../errors/refusal';
import type { Flash } from '../session/flash';
import { flashRefusal } from '../kit/flash-refusal';
import type { RefusalReader } from '../kit/submit-form';

export type DocumentAction = 'save' | 'propose' | 'approve' | 'reject';

/** The message after a document action succeeded. */
export function documentSuccessFlash(
  action: DocumentAction,
  document: string,
  version: number,
): Flash {
  const key = { save: 'saved', propose: 'proposed', approve: 'approved', reject: 'rejected' }[
    action
  ];
  return { kind: 'success', key: `document.${key}`, params: { document, version } };
}

/**
 * A refused document action as a translated message. The library's messages are English; the
 * page says what happened from the error's code, and gives the library's words as the detail
 * where they carry facts the person needs (which fields, which step is still waiting).
 */
export function documentErrorFlash(
  error: DomainException,
  action: DocumentAction,
  document: string,
  version: number | null,
): Flash {
  const flash = (key: string, params: Record<string, string | number> = {}): Flash => ({
    kind: 'error',
    key: `error.${key}`,
    params: { document, ...(version === null ? {} : { version }), ...params },
  });
  switch (error.code) {
    case 'FORBIDDEN':
      return flash('documentForbidden');
    case 'NOT_FOUND':
      return flash('documentNotFound');
    case 'VALIDATION_FAILED': {
      const fields =
        error instanceof ValidationException
          ? error.fields.map((f) => `${f.field}: ${f.reason}`).join('; ')
          : error.message;
      return flash('documentInvalid', { detail: fields });
    }
    // Approving a version decides its onboarding step, which may still wait for earlier steps.
    case 'STEP_WRONG_STATE':
      return flash(action === 'approve' ? 'documentStepBlocked' : 'documentConflict', {
        detail: error.message,
      });
    default:
      return refusalOf(error)?.status === 409
        ? flash('documentConflict', { detail: error.message })
        : flash('generic');
  }
}

/** A refused document action: 303 back to the documents page with its flash. */
export function documentRefusal(
  action: DocumentAction,
  document: string,
  version: number | null,
): RefusalReader<Flash> {
  return flashRefusal((error) => documentErrorFlash(error, action, document, version));
}
