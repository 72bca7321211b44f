import type { Language } from '@app/access';
import { AUTHORISATION_MESSAGES } from '../../messages/authorisation-messages';
import { sha256Hex } from './confirmation-token';

/** What the customer authorises; all of it appears in the mail and on the confirmation page. */
export interface AuthorisationSubject {
  customerName: string;
  providerName: string;
  edrProduct: string;
  edrTenant: string;
  domains: string[];
}

/**
 * The statement in the customer's language (`authorisationStatement` in the lib's catalog): the
 * exact text the confirmation approves, so its wording is part of what the hash binds.
 */
export function authorisationStatement(subject: AuthorisationSubject, language: Language): string {
  const domains = [...subject.domains]
    .map((d) => d.toLowerCase())
    .sort()
    .join(', ');
  const { customerName, providerName, edrProduct, edrTenant } = subject;
  return AUTHORISATION_MESSAGES.translate(language, 'authorisationStatement', {
    customerName,
    providerName,
    edrProduct,
    edrTenant,
    domains,
  });
}

/** The hash the workflow step binds to: SHA-256 of the statement's UTF-8 bytes. */
export function statementHash(statement: string): string {
  return sha256Hex(statement);
}
