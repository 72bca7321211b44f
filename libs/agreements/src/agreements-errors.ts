import { DomainException } from '@app/platform';

/** Why a document (agreement, runbook, catalogue) version refuses a change. */
export const AGREEMENTS_ERROR_CODES = [
  /** The version is no longer in the state the action needs (someone moved it on). */
  'DOCUMENT_VERSION_CHANGED',
  /** A draft is already open: edit it instead of starting another. */
  'DRAFT_ALREADY_OPEN',
  /** The runbook follows the service agreement, which has not been proposed. */
  'AGREEMENT_NOT_PROPOSED',
] as const;

export type AgreementsErrorCode = (typeof AGREEMENTS_ERROR_CODES)[number];

export class AgreementsError extends DomainException<AgreementsErrorCode> {}
