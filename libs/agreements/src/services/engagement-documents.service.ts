import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { canonicalJson } from '@app/audit/canonical-json';
import { AccessScope, Engagement, EngagementService, Organisation } from '@app/identity';
import {
  Clock,
  DomainException,
  ForbiddenException,
  NotFoundException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { EntityManager } from 'typeorm';
import {
  AgreementContent,
  contactDomainErrors,
  readAgreementContent,
  ReadResult,
} from '../domain/agreement-content';
import { compareContent } from '../domain/compare';
import { defaultRunbook } from '../domain/default-runbooks';
import { readRunbookContent, RunbookContent } from '../domain/runbook-content';
import { DocumentKind, RunbookKind, VersionStatus } from '../domain/vocabulary';
import {
  DocumentParties,
  DocumentRenderer,
  RenderedDocument,
  sha256Hex,
} from '../documents/document-renderer';
import { PdfWriter } from '../documents/pdf-writer';
import { EngagementDocumentVersion } from '../entities/document-version.entity';
import { AgreementEvents } from './agreement-events';
import { documentVersions } from './document-versions';
import {
  Comparison,
  DocumentFile,
  DocumentOverview,
  ordered,
  summary,
  VersionView,
  view,
} from './version-view';

const FILE_STEM: Record<DocumentKind, string> = {
  service_agreement: 'service-agreement',
  peacetime_runbook: 'peacetime-runbook',
  incident_runbook: 'incident-runbook',
};

const AUDIT_PREFIX: Record<DocumentKind, string> = {
  service_agreement: 'agreement',
  peacetime_runbook: 'peacetime_runbook',
  incident_runbook: 'incident_runbook',
};

interface EngagementContext {
  engagement: Engagement;
  customer: Organisation;
  provider: Organisation;
}

/**
 * The lifecycle of the versioned documents of an engagement: the service agreement and the
 * peacetime and incident runbooks. draft → proposed (provider lead or analyst of the
 * engagement's provider) → approved or rejected (the customer's security lead). Editing after a
 * proposal creates a new draft version; proposing it supersedes the proposed or approved one.
 * Every change is one transaction with its audit record and the AgreementEvents hook.
 */
@Injectable()
export class EngagementDocumentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly engagements: EngagementService,
    private readonly renderer: DocumentRenderer,
    private readonly pdf: PdfWriter,
    private readonly events: AgreementEvents,
    private readonly clock: Clock,
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
    return view(await this.require(this.tx.manager, engagementId, kind, version));
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
    return this.tx.run(async (manager) => {
      const context = await this.editable(scope, manager, engagementId);
      await documentVersions.lock(manager, engagementId, kind);
      const open = await documentVersions.draft(manager, engagementId, kind);
      if (open) {
        throw new DomainException(
          'CONFLICT',
          `Version ${open.version} is an open draft; edit it with PUT or PATCH`,
        );
      }
      const base = await this.baseContent(manager, context, kind);
      return view(await this.insertDraft(scope, manager, context, kind, { ...base, ...sections }));
    });
  }

  /** Replaces the open draft's content, or opens a new draft version with it. */
  async replaceDraft(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    content: Record<string, unknown>,
  ): Promise<VersionView> {
    return this.edit(scope, engagementId, kind, () => content);
  }

  /** Replaces the given top-level sections of the open draft (or of a new draft version). */
  async patchDraft(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    sections: Record<string, unknown>,
  ): Promise<VersionView> {
    return this.edit(scope, engagementId, kind, (base) => ({ ...base, ...sections }));
  }

  async propose(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
  ): Promise<VersionView> {
    return this.tx.run(async (manager) => {
      const context = await this.editable(scope, manager, engagementId);
      await documentVersions.lock(manager, engagementId, kind);
      const target = await this.require(manager, engagementId, kind, version);
      if (target.status !== 'draft') {
        throw new DomainException(
          'CONFLICT',
          `Version ${version} is ${target.status}; only a draft can be proposed`,
        );
      }
      // Validate and render again: the customer's domains, names or the agreement may have moved on.
      const content = this.validate(kind, target.content, context);
      let agreementVersion: number | null = null;
      if (kind !== 'service_agreement') {
        const agreement = await documentVersions.current(
          manager,
          engagementId,
          'service_agreement',
        );
        if (!agreement) {
          throw new DomainException(
            'CONFLICT',
            'Propose the service agreement first: the runbook follows its SLA, contacts and authorisation modes',
          );
        }
        agreementVersion = agreement.version;
      }
      const rendered = await this.render(
        manager,
        context,
        kind,
        content,
        target.version,
        agreementVersion,
      );
      const now = this.clock.now();
      const previous = await documentVersions.current(manager, engagementId, kind);
      if (previous) {
        await manager.getRepository(EngagementDocumentVersion).update(
          { id: previous.id },
          {
            status: 'superseded',
            supersededByVersion: target.version,
            supersededAt: now,
            revision: previous.revision + 1,
          },
        );
        await this.audit.record(manager, scope.actor, {
          action: `${AUDIT_PREFIX[kind]}.version_superseded`,
          subjectType: kind,
          subjectId: previous.id,
          organisationId: context.customer.id,
          engagementId,
          changes: {
            version: previous.version,
            status: { from: previous.status, to: 'superseded' },
            supersededByVersion: target.version,
          },
        });
      }
      Object.assign(target, {
        status: 'proposed' as const,
        content,
        contentSha256: sha256Hex(canonicalJson(content)),
        language: context.customer.language,
        documentHtml: rendered.document.html,
        documentSha256: rendered.document.sha256,
        languageSha256: rendered.languageSection?.sha256 ?? null,
        agreementVersion,
        proposedBy: scope.userId,
        proposedAt: now,
        updatedAt: now,
      });
      const saved = await manager.getRepository(EngagementDocumentVersion).save(target);
      await this.audit.record(manager, scope.actor, {
        action: `${AUDIT_PREFIX[kind]}.version_proposed`,
        subjectType: kind,
        subjectId: saved.id,
        organisationId: context.customer.id,
        engagementId,
        changes: {
          version: saved.version,
          status: { from: 'draft', to: 'proposed' },
          documentSha256: saved.documentSha256,
          supersedes: previous?.version ?? null,
        },
      });
      await this.events.versionProposed(
        manager,
        scope.actor,
        engagementId,
        [kind],
        saved.documentSha256,
      );
      if (
        kind === 'service_agreement' &&
        saved.languageSha256 &&
        saved.languageSha256 !== previous?.languageSha256
      ) {
        await this.events.versionProposed(
          manager,
          scope.actor,
          engagementId,
          ['communication_language'],
          saved.languageSha256,
        );
      }
      return view(saved);
    });
  }

  async approve(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
  ): Promise<VersionView> {
    return this.decide(scope, engagementId, kind, version, null);
  }

  async reject(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
    reason: string,
  ): Promise<VersionView> {
    const trimmed = reason.trim();
    if (trimmed.length < 3)
      throw new ValidationException([{ field: 'reason', reason: 'must be at least 3 characters' }]);
    return this.decide(scope, engagementId, kind, version, trimmed);
  }

  async document(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
    format: 'html' | 'pdf',
  ): Promise<DocumentFile> {
    await this.engagements.get(scope, engagementId);
    const found = await this.require(this.tx.manager, engagementId, kind, version);
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
    const after = await this.require(manager, engagementId, kind, toVersion);
    // Version 1 compared with nothing before it: every section is new.
    const fromVersion = from ?? (toVersion > 1 ? toVersion - 1 : null);
    const before =
      fromVersion === null ? null : await this.require(manager, engagementId, kind, fromVersion);
    return {
      from: fromVersion,
      to: toVersion,
      changes: compareContent(
        before ? ordered(kind, before.content) : {},
        ordered(kind, after.content),
      ),
    };
  }

  // ---------------------------------------------------------------------------------------

  private async edit(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    change: (base: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<VersionView> {
    return this.tx.run(async (manager) => {
      const context = await this.editable(scope, manager, engagementId);
      await documentVersions.lock(manager, engagementId, kind);
      const draft = await documentVersions.draft(manager, engagementId, kind);
      if (!draft) {
        // Editing a proposed or approved document creates a new draft version.
        const base = await this.baseContent(manager, context, kind);
        return view(await this.insertDraft(scope, manager, context, kind, change(base)));
      }
      const content = this.validate(kind, change(draft.content), context);
      const rendered = await this.render(
        manager,
        context,
        kind,
        content,
        draft.version,
        await this.agreementVersionForDraft(manager, engagementId, kind),
      );
      const before = draft.content;
      Object.assign(draft, this.renderedFields(content, context, rendered), {
        updatedAt: this.clock.now(),
      });
      const saved = await manager.getRepository(EngagementDocumentVersion).save(draft);
      await this.audit.record(manager, scope.actor, {
        action: `${AUDIT_PREFIX[kind]}.draft_updated`,
        subjectType: kind,
        subjectId: saved.id,
        organisationId: context.customer.id,
        engagementId,
        changes: {
          version: saved.version,
          fields: compareContent(before, content),
          documentSha256: saved.documentSha256,
        },
      });
      return view(saved);
    });
  }

  private async insertDraft(
    scope: AccessScope,
    manager: EntityManager,
    context: EngagementContext,
    kind: DocumentKind,
    input: Record<string, unknown>,
  ): Promise<EngagementDocumentVersion> {
    const engagementId = context.engagement.id;
    const content = this.validate(kind, input, context);
    const newest = await documentVersions.newest(manager, engagementId, kind);
    const version = (newest?.version ?? 0) + 1;
    const agreementVersion = await this.agreementVersionForDraft(manager, engagementId, kind);
    const rendered = await this.render(manager, context, kind, content, version, agreementVersion);
    const now = this.clock.now();
    const repository = manager.getRepository(EngagementDocumentVersion);
    const saved = await repository.save(
      repository.create({
        engagementId,
        kind,
        version,
        status: 'draft',
        ...this.renderedFields(content, context, rendered),
        createdBy: scope.userId,
        updatedAt: now,
      }),
    );
    await this.audit.record(manager, scope.actor, {
      action: `${AUDIT_PREFIX[kind]}.draft_created`,
      subjectType: kind,
      subjectId: saved.id,
      organisationId: context.customer.id,
      engagementId,
      changes: { version, basedOn: newest?.version ?? null, documentSha256: saved.documentSha256 },
    });
    return saved;
  }

  private renderedFields(
    content: Record<string, unknown>,
    context: EngagementContext,
    rendered: {
      document: RenderedDocument;
      languageSection: RenderedDocument | null;
      agreementVersion: number | null;
    },
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

  private async decide(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
    rejectionReason: string | null,
  ): Promise<VersionView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.engagements.get(scope, engagementId, manager);
      const approver =
        scope.has('customer_security_lead') &&
        scope.organisationId === engagement.customerOrganisationId;
      if (!approver) {
        throw new ForbiddenException(
          "Only the customer's security lead approves or rejects this document",
        );
      }
      await documentVersions.lock(manager, engagementId, kind);
      const target = await this.require(manager, engagementId, kind, version);
      if (target.status !== 'proposed') {
        throw new DomainException(
          'CONFLICT',
          `Version ${version} is ${target.status}; only the proposed version can be approved or rejected`,
        );
      }
      const now = this.clock.now();
      const status: VersionStatus = rejectionReason === null ? 'approved' : 'rejected';
      Object.assign(target, {
        status,
        decidedBy: scope.userId,
        decidedAt: now,
        rejectionReason,
        updatedAt: now,
      });
      const saved = await manager.getRepository(EngagementDocumentVersion).save(target);
      await this.audit.record(manager, scope.actor, {
        action: `${AUDIT_PREFIX[kind]}.version_${status}`,
        subjectType: kind,
        subjectId: saved.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: {
          version: saved.version,
          status: { from: 'proposed', to: status },
          documentSha256: saved.documentSha256,
          ...(rejectionReason === null ? {} : { reason: rejectionReason }),
        },
      });
      if (rejectionReason === null) {
        // The language is decided with the agreement, and the workflow's agreement step
        // depends on the language step: announce the language first.
        if (kind === 'service_agreement' && saved.languageSha256) {
          await this.events.versionApproved(
            manager,
            scope.actor,
            engagementId,
            ['communication_language'],
            saved.languageSha256,
          );
        }
        await this.events.versionApproved(
          manager,
          scope.actor,
          engagementId,
          [kind],
          saved.documentSha256,
        );
      } else {
        await this.events.versionRejected(
          manager,
          scope.actor,
          engagementId,
          [kind],
          saved.documentSha256,
          rejectionReason,
        );
      }
      return view(saved);
    });
  }

  /** The engagement and both organisations, when the caller may draft and propose for it. */
  private async editable(
    scope: AccessScope,
    manager: EntityManager,
    engagementId: string,
  ): Promise<EngagementContext> {
    const engagement = await this.engagements.get(scope, engagementId, manager);
    const provider =
      scope.has('provider_lead', 'provider_analyst') &&
      scope.organisationId === engagement.providerOrganisationId;
    if (!provider) {
      throw new ForbiddenException(
        "Only the provider lead or an analyst of the engagement's provider drafts and proposes",
      );
    }
    return this.context(manager, engagement);
  }

  private async context(
    manager: EntityManager,
    engagement: Engagement,
  ): Promise<EngagementContext> {
    const organisations = manager.getRepository(Organisation);
    const customer = await organisations.findOneByOrFail({ id: engagement.customerOrganisationId });
    const provider = await organisations.findOneByOrFail({ id: engagement.providerOrganisationId });
    return { engagement, customer, provider };
  }

  private async baseContent(
    manager: EntityManager,
    context: EngagementContext,
    kind: DocumentKind,
  ): Promise<Record<string, unknown>> {
    const newest = await documentVersions.newest(manager, context.engagement.id, kind);
    if (newest) return newest.content;
    if (kind === 'service_agreement') return {};
    return defaultRunbook(kind, context.customer.language) as unknown as Record<string, unknown>;
  }

  private validate(
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
    return result.value as unknown as Record<string, unknown>;
  }

  /** A draft runbook shows the current agreement, else the newest one, else none. */
  private async agreementVersionForDraft(
    manager: EntityManager,
    engagementId: string,
    kind: DocumentKind,
  ): Promise<number | null> {
    if (kind === 'service_agreement') return null;
    const agreement =
      (await documentVersions.current(manager, engagementId, 'service_agreement')) ??
      (await documentVersions.newest(manager, engagementId, 'service_agreement'));
    return agreement?.version ?? null;
  }

  private async render(
    manager: EntityManager,
    context: EngagementContext,
    kind: DocumentKind,
    content: Record<string, unknown>,
    version: number,
    agreementVersion: number | null,
  ): Promise<{
    document: RenderedDocument;
    languageSection: RenderedDocument | null;
    agreementVersion: number | null;
  }> {
    const parties: DocumentParties = {
      engagementName: context.engagement.name,
      customerName: context.customer.name,
      providerName: context.provider.name,
    };
    const language = context.customer.language;
    if (kind === 'service_agreement') {
      const agreement = content as unknown as AgreementContent;
      return {
        document: this.renderer.renderAgreement(agreement, version, language, parties),
        languageSection: this.renderer.renderLanguageSection(agreement, language),
        agreementVersion: null,
      };
    }
    const agreementRow =
      agreementVersion === null
        ? null
        : await documentVersions.byNumber(
            manager,
            context.engagement.id,
            'service_agreement',
            agreementVersion,
          );
    const agreement = agreementRow
      ? {
          version: agreementRow.version,
          content: agreementRow.content as unknown as AgreementContent,
        }
      : null;
    return {
      document: this.renderer.renderRunbook(
        kind as RunbookKind,
        content as unknown as RunbookContent,
        version,
        language,
        parties,
        agreement,
      ),
      languageSection: null,
      agreementVersion: agreement?.version ?? null,
    };
  }

  private async require(
    manager: EntityManager,
    engagementId: string,
    kind: DocumentKind,
    version: number,
  ): Promise<EngagementDocumentVersion> {
    const found = await documentVersions.byNumber(manager, engagementId, kind, version);
    if (!found) throw new NotFoundException(`Version ${version}`);
    return found;
  }
}
