import { canonicalJson } from '@app/audit/canonical-json';
import { Engagement, Organisation } from '@app/identity';
import { NotFoundException, ValidationException } from '@app/platform';
import { EntityManager } from 'typeorm';
import {
  AgreementContent,
  contactDomainErrors,
  readAgreementContent,
  ReadResult,
} from '../../domain/agreement-content';
import { readRunbookContent, RunbookContent } from '../../domain/runbook-content';
import { DocumentKind } from '../../domain/vocabulary';
import { RenderedDocument, sha256Hex } from '../../documents/document-renderer';
import { EngagementDocumentVersion } from '../../entities/document-version.entity';
import { documentVersions } from '../document-versions';

// What the parts of EngagementDocumentsService share: no dependencies, no I/O beyond the
// manager they are given.

/** The prefix of the audit actions of each document kind (`agreement.draft_created`, ...). */
export const AUDIT_PREFIX: Record<DocumentKind, string> = {
  service_agreement: 'agreement',
  peacetime_runbook: 'peacetime_runbook',
  incident_runbook: 'incident_runbook',
};

/** The engagement a document belongs to, with both of its organisations. */
export interface EngagementContext {
  engagement: Engagement;
  customer: Organisation;
  provider: Organisation;
}

/** A version's rendered HTML, its agreement's language section and the agreement it shows. */
export interface RenderedVersion {
  document: RenderedDocument;
  languageSection: RenderedDocument | null;
  agreementVersion: number | null;
}

/** The version `version` of the engagement's document, or 404. */
export async function requireVersion(
  manager: EntityManager,
  engagementId: string,
  kind: DocumentKind,
  version: number,
): Promise<EngagementDocumentVersion> {
  const found = await documentVersions.byNumber(manager, engagementId, kind, version);
  if (!found) throw new NotFoundException(`Version ${version}`);
  return found;
}

/**
 * The content read as the kind's document (and, for the agreement, with contacts in the
 * customer's email domains), or a ValidationException with every error.
 */
export function validateContent(
  kind: DocumentKind,
  input: unknown,
  context: EngagementContext,
): Record<string, unknown> {
  let result: ReadResult<AgreementContent | RunbookContent>;
  if (kind === 'service_agreement') {
    const read = readAgreementContent(input);
    result = read.value
      ? {
          value: read.value,
          errors: contactDomainErrors(read.value, context.customer.emailDomains),
        }
      : read;
  } else {
    result = readRunbookContent(kind, input);
  }
  if (result.errors.length > 0 || !result.value) throw new ValidationException(result.errors);
  return result.value;
}

/** The stored fields that follow from a version's validated content and its rendering. */
export function renderedFields(
  content: Record<string, unknown>,
  context: EngagementContext,
  rendered: RenderedVersion,
): Partial<EngagementDocumentVersion> {
  return {
    content,
    contentSha256: sha256Hex(canonicalJson(content)),
    language: context.customer.language,
    documentHtml: rendered.document.html,
    documentSha256: rendered.document.sha256,
    languageSha256: rendered.languageSection?.sha256 ?? null,
    agreementVersion: rendered.agreementVersion,
  };
}
