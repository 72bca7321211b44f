import type { FieldChange } from '../domain/compare';
import { readAgreementContent } from '../domain/agreement-content';
import { readRunbookContent } from '../domain/runbook-content';
import type { Language } from '@app/access';
import type { DocumentKind, VersionStatus } from '../domain/vocabulary';
import type { EngagementDocumentVersion } from '../entities/document-version.entity';

// How a stored version is shown by the API and the portal.

/** A version as the API shows it (the stored HTML is served by the document route). */
export interface VersionView {
  id: string;
  kind: DocumentKind;
  version: number;
  status: VersionStatus;
  language: Language;
  content: Record<string, unknown>;
  contentSha256: string;
  /** SHA-256 of the rendered HTML document: what approvals bind to. */
  documentSha256: string;
  languageSha256: string | null;
  agreementVersion: number | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  proposedBy: string | null;
  proposedAt: Date | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectionReason: string | null;
  supersededByVersion: number | null;
  supersededAt: Date | null;
  links: { html: string; pdf: string };
}

export type VersionSummary = Omit<VersionView, 'content'>;

export interface DocumentOverview {
  engagementId: string;
  kind: DocumentKind;
  /** The proposed or approved version. */
  current: VersionView | null;
  /** The open draft, if any. */
  draft: VersionView | null;
  /** Runbooks: the agreement version now current, to spot a runbook rendered against an older one. */
  currentAgreementVersion?: number | null;
  versions: VersionSummary[];
}

export interface DocumentFile {
  contentType: string;
  body: string | Buffer;
  sha256: string;
  filename: string;
}

export interface Comparison {
  /** null: `to` is version 1, compared with nothing. */
  from: number | null;
  to: number;
  changes: FieldChange[];
}

/** Where each kind's routes live under /api/engagements/:id. */
const KIND_PATH: Record<DocumentKind, string> = {
  service_agreement: 'agreement',
  peacetime_runbook: 'runbooks/peacetime',
  incident_runbook: 'runbooks/incident',
};

function links(version: EngagementDocumentVersion): VersionView['links'] {
  const base = `/api/engagements/${version.engagementId}/${KIND_PATH[version.kind]}/versions/${version.version}/document`;
  return { html: `${base}?format=html`, pdf: `${base}?format=pdf` };
}

export function summary(version: EngagementDocumentVersion): VersionSummary {
  const { content: _content, ...rest } = view(version);
  return rest;
}

/**
 * The content with its keys in the order of the document (jsonb stores them sorted by length),
 * by reading it again through its validator; stored content is already valid and normalised.
 */
export function ordered(
  kind: DocumentKind,
  content: Record<string, unknown>,
): Record<string, unknown> {
  const read =
    kind === 'service_agreement'
      ? readAgreementContent(content)
      : readRunbookContent(kind, content);
  return read.value ?? content;
}

export function view(version: EngagementDocumentVersion): VersionView {
  return {
    id: version.id,
    kind: version.kind,
    version: version.version,
    status: version.status,
    language: version.language,
    content: ordered(version.kind, version.content),
    contentSha256: version.contentSha256,
    documentSha256: version.documentSha256,
    languageSha256: version.languageSha256,
    agreementVersion: version.agreementVersion,
    createdBy: version.createdBy,
    createdAt: version.createdAt,
    updatedAt: version.updatedAt,
    proposedBy: version.proposedBy,
    proposedAt: version.proposedAt,
    decidedBy: version.decidedBy,
    decidedAt: version.decidedAt,
    rejectionReason: version.rejectionReason,
    supersededByVersion: version.supersededByVersion,
    supersededAt: version.supersededAt,
    links: links(version),
  };
}
