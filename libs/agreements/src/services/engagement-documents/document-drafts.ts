import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope } from '@app/identity';
import { Clock, TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { compareContent } from '../../domain/compare';
import { DocumentKind } from '../../domain/vocabulary';
import { EngagementDocumentVersion } from '../../entities/document-version.entity';
import { documentVersions } from '../document-versions';
import { VersionView, view } from '../version-view';
import { DocumentComposer } from './document-composer';
import {
  AUDIT_PREFIX,
  EngagementContext,
  renderedFields,
  validateContent,
} from './document-support';
import { AgreementsError } from '../../agreements-errors';

/**
 * Editing an engagement's documents: opening a draft version and changing the open one. Only the
 * provider lead or an analyst of the engagement's provider edits. Each change is one transaction
 * with its audit record.
 */
@Injectable()
export class DocumentDrafts {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly composer: DocumentComposer,
    private readonly clock: Clock,
  ) {}

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
      const context = await this.composer.editable(scope, manager, engagementId);
      await documentVersions.lock(manager, engagementId, kind);
      const open = await documentVersions.draft(manager, engagementId, kind);
      if (open) {
        throw new AgreementsError(
          'DRAFT_ALREADY_OPEN',
          `Version ${open.version} is an open draft; edit it with PUT or PATCH`,
        );
      }
      const base = await this.composer.baseContent(manager, context, kind);
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

  private async edit(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    change: (base: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<VersionView> {
    return this.tx.run(async (manager) => {
      const context = await this.composer.editable(scope, manager, engagementId);
      await documentVersions.lock(manager, engagementId, kind);
      const draft = await documentVersions.draft(manager, engagementId, kind);
      if (!draft) {
        // Editing a proposed or approved document creates a new draft version.
        const base = await this.composer.baseContent(manager, context, kind);
        return view(await this.insertDraft(scope, manager, context, kind, change(base)));
      }
      const content = validateContent(kind, change(draft.content), context);
      const rendered = await this.composer.render(
        manager,
        context,
        kind,
        content,
        draft.version,
        await this.composer.agreementVersionForDraft(manager, engagementId, kind),
      );
      const before = draft.content;
      Object.assign(draft, renderedFields(content, context, rendered), {
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
    const content = validateContent(kind, input, context);
    const newest = await documentVersions.newest(manager, engagementId, kind);
    const version = (newest?.version ?? 0) + 1;
    const agreementVersion = await this.composer.agreementVersionForDraft(
      manager,
      engagementId,
      kind,
    );
    const rendered = await this.composer.render(
      manager,
      context,
      kind,
      content,
      version,
      agreementVersion,
    );
    const now = this.clock.now();
    const repository = manager.getRepository(EngagementDocumentVersion);
    const saved = await repository.save(
      repository.create({
        engagementId,
        kind,
        version,
        status: 'draft',
        ...renderedFields(content, context, rendered),
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
}
