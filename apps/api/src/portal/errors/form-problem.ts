import { ValidationException } from '@app/platform';
import type { FormProblem } from '../protection/protection-page.service';
import { refusalOf } from './refusal';

/**
 * A refused form as the page shows it again: the refused fields (400), a refusal of the person
 * (403) or of the object's state (409, with its code's message). Anything else is not the form's
 * to explain and goes on to the portal's filter, which answers with its code's error page.
 */
export function problemOf(error: unknown, values: Record<string, string>): { problem: FormProblem; status: number } {
  if (error instanceof ValidationException) return { problem: { key: 'invalid', fields: error.fields, values }, status: 400 };
  const refusal = refusalOf(error);
  if (refusal?.status === 403) return { problem: { key: 'forbidden', fields: [], values }, status: 403 };
  if (refusal?.status === 409) return { problem: { key: 'conflict', messageKey: refusal.messageKey, fields: [], values }, status: 409 };
  throw error;
}
