import { Injectable } from '@nestjs/common';
import { AccessScope } from '@app/identity';
import { DocumentKind } from '../domain/vocabulary';
import { DocumentDecisions } from './engagement-documents/document-decisions';
import { DocumentDrafts } from './engagement-documents/document-drafts';
import { DocumentProposals } from './engagement-documents/document-proposals';
import { DocumentReader } from './engagement-documents/document-reader';
import { Comparison, DocumentFile, DocumentOverview, VersionView } from './version-view';

/**
 * The lifecycle of the versioned documents of an engagement: the service agreement and the
 * peacetime and incident runbooks. draft → proposed (provider lead or analyst of the
 * engagement's provider) → approved or rejected (the customer's security lead). Editing after a
 * proposal creates a new draft version; proposing it supersedes the proposed or approved one.
 * Every change is one transaction with its audit record and the AgreementEvents hook.
 *
 * The one entry point of the API and the portal; the work is done by the parts in
 * ./engagement-documents: reading (DocumentReader), editing drafts (DocumentDrafts), proposing
 * (DocumentProposals) and the customer's decision (DocumentDecisions).
 */
@Injectable()
export class EngagementDocumentsService {
  constructor(
    private readonly reader: DocumentReader,
    private readonly drafts: DocumentDrafts,
    private readonly proposals: DocumentProposals,
    private readonly decisions: DocumentDecisions,
  ) {}

  async overview(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
  ): Promise<DocumentOverview> {
    return this.reader.overview(scope, engagementId, kind);
  }

  async getVersion(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
  ): Promise<VersionView> {
    return this.reader.getVersion(scope, engagementId, kind, version);
  }

  /**
   * A new draft version: the newest version's content (or, for a runbook, the default runbook in
   * the customer's language), with the given sections replaced. 409 while a draft is open.
   */
  async createDraft(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    sections: Record<string, unknown> = {},
  ): Promise<VersionView> {
    return this.drafts.createDraft(scope, engagementId, kind, sections);
  }

  /** Replaces the open draft's content, or opens a new draft version with it. */
  async replaceDraft(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    content: Record<string, unknown>,
  ): Promise<VersionView> {
    return this.drafts.replaceDraft(scope, engagementId, kind, content);
  }

  /** Replaces the given top-level sections of the open draft (or of a new draft version). */
  async patchDraft(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    sections: Record<string, unknown>,
  ): Promise<VersionView> {
    return this.drafts.patchDraft(scope, engagementId, kind, sections);
  }

  async propose(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
  ): Promise<VersionView> {
    return this.proposals.propose(scope, engagementId, kind, version);
  }

  async approve(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
  ): Promise<VersionView> {
    return this.decisions.approve(scope, engagementId, kind, version);
  }

  async reject(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
    reason: string,
  ): Promise<VersionView> {
    return this.decisions.reject(scope, engagementId, kind, version, reason);
  }

  async document(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
    format: 'html' | 'pdf',
  ): Promise<DocumentFile> {
    return this.reader.document(scope, engagementId, kind, version, format);
  }

  /** `to` defaults to the newest version and `from` to the version before `to` (none for version 1). */
  async compare(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    from?: number,
    to?: number,
  ): Promise<Comparison> {
    return this.reader.compare(scope, engagementId, kind, from, to);
  }
}
