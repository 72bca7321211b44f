import { DomainException, toErrorBody } from '@app/platform';
import { ERROR_STATUS } from '../../http/error-status';
import type { Flash } from '../session/flash';
import { errorMessageKey } from './error-message-key';

/** A refused action as a portal page explains it: its code, its status and the message key for the code. */
export interface Refusal {
  code: string;
  status: number;
  messageKey: string;
  details: unknown;
}

/**
 * The portal's one reading of a refused action: the status from the HTTP layer's table and the
 * message from the code, never the lib's English message and never a guess from the object's
 * state. Null for anything that is not a declared domain refusal (those go on to the filter).
 */
export function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof DomainException)) return null;
  const body = toErrorBody(error, ERROR_STATUS);
  if (!body) return null;
  return {
    code: error.code,
    status: body.statusCode,
    messageKey: errorMessageKey(error.code),
    details: error.details,
  };
}

/** The flash that says why an action was refused, by its code; rethrows what is not a refusal. */
export function refusalFlash(error: unknown, stepKey?: string): Flash {
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  return { kind: 'error', key: refusal.messageKey, ...(stepKey ? { stepKey } : {}) };
}
