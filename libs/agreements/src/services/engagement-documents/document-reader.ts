import { Injectable } from '@nestjs/common';
import { AccessScope, EngagementService } from '@app/identity';
import { NotFoundException, TransactionRunner } from '@app/platform';
import { compareContent } from '../../domain/compare';
import { DocumentKind } from '../../domain/vocabulary';
import { PdfWriter } from '@app/platform/documents/pdf-writer';
import { documentVersions } from '../document-versions';
import {
  Comparison,
  DocumentFile,
  DocumentOverview,
  ordered,
  summary,
  VersionView,
  view,
} from '../version-view';
import { requireVersion } from './document-support';

const FILE_STEM: Record<DocumentKind, string> = {
  service_agreement: 'service-agreement',
  peacetime_runbook: 'peacetime-runbook',
  incident_runbook: 'incident-runbook',
};

/**
 * Reading an engagement's documents, for anyone who may see the engagement: the versions, one
 * version, its rendered document (HTML or PDF) and the comparison of two versions.
 */
@Injectable()
export class DocumentReader {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly engagements: EngagementService,
    private readonly pdf: PdfWriter,
  ) {}

  async overview(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
  ): Promise<DocumentOverview> {
    const manager = this.tx.manager;
    await this.engagements.get(scope, engagementId, manager);
    const versions = await documentVersions.all(manager, engagementId, kind);
    const current =
      versions.find((v) => v.status === 'proposed' || v.status === 'approved') ?? null;
    const draft = versions.find((v) => v.status === 'draft') ?? null;
    const overview: DocumentOverview = {
      engagementId,
      kind,
      current: current ? view(current) : null,
      draft: draft ? view(draft) : null,
      versions: versions.map(summary),
    };
    if (kind !== 'service_agreement') {
      overview.currentAgreementVersion =
        (await documentVersions.current(manager, engagementId, 'service_agreement'))?.version ??
        null;
    }
    return overview;
  }

  async getVersion(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
  ): Promise<VersionView> {
    await this.engagements.get(scope, engagementId);
    return view(await requireVersion(this.tx.manager, engagementId, kind, version));
  }

  async document(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
    format: 'html' | 'pdf',
  ): Promise<DocumentFile> {
    await this.engagements.get(scope, engagementId);
    const found = await requireVersion(this.tx.manager, engagementId, kind, version);
    const filename = `${FILE_STEM[kind]}-v${found.version}-${found.language}.${format}`;
    if (format === 'html') {
      return {
        contentType: 'text/html; charset=utf-8',
        body: found.documentHtml,
        sha256: found.documentSha256,
        filename,
      };
    }
    const body = await this.pdf.render(found.documentHtml, found.language);
    return { contentType: 'application/pdf', body, sha256: found.documentSha256, filename };
  }

  /** `to` defaults to the newest version and `from` to the version before `to` (none for version 1). */
  async compare(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    from?: number,
    to?: number,
  ): Promise<Comparison> {
    await this.engagements.get(scope, engagementId);
    const manager = this.tx.manager;
    const toVersion = to ?? (await documentVersions.newest(manager, engagementId, kind))?.version;
    if (toVersion === undefined) throw new NotFoundException('Version');
    const after = await requireVersion(manager, engagementId, kind, toVersion);
    // Version 1 compared with nothing before it: every section is new.
    const fromVersion = from ?? (toVersion > 1 ? toVersion - 1 : null);
    const before =
      fromVersion === null ? null : await requireVersion(manager, engagementId, kind, fromVersion);
    return {
      from: fromVersion,
      to: toVersion,
      changes: compareContent(
        before ? ordered(kind, before.content) : {},
        ordered(kind, after.content),
      ),
    };
  }
}
