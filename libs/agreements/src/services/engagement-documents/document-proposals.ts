import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { canonicalJson } from '@app/audit/canonical-json';
import { AccessScope } from '@app/identity';
import { Clock, TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { DocumentKind } from '../../domain/vocabulary';
import { sha256Hex } from '../../documents/document-renderer';
import { EngagementDocumentVersion } from '../../entities/document-version.entity';
import { AgreementEvents } from '../agreement-events';
import { documentVersions } from '../document-versions';
import { VersionView, view } from '../version-view';
import { DocumentComposer } from './document-composer';
import {
  AUDIT_PREFIX,
  EngagementContext,
  RenderedVersion,
  requireVersion,
  validateContent,
} from './document-support';
import { AgreementsError } from '../../agreements-errors';

/** What every step of one proposal works on, inside its transaction. */
interface Proposal {
  manager: EntityManager;
  scope: AccessScope;
  engagementId: string;
  kind: DocumentKind;
  context: EngagementContext;
}

/** The draft's content as proposed: validated and rendered again at the time of the proposal. */
interface ProposedContent {
  content: Record<string, unknown>;
  rendered: RenderedVersion;
  agreementVersion: number | null;
}

/**
 * Proposing a draft version to the customer (the provider lead or an analyst of the engagement's
 * provider): the draft becomes the proposed version and supersedes the proposed or approved one.
 * One transaction with its audit records and the AgreementEvents hook.
 */
@Injectable()
export class DocumentProposals {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly composer: DocumentComposer,
    private readonly events: AgreementEvents,
    private readonly clock: Clock,
  ) {}

  async propose(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
  ): Promise<VersionView> {
    return this.tx.run(async (manager) => {
      const context = await this.composer.editable(scope, manager, engagementId);
      const proposal: Proposal = { manager, scope, engagementId, kind, context };
      await documentVersions.lock(manager, engagementId, kind);
      const target = await this.draftToPropose(proposal, version);
      const proposed = await this.revalidate(proposal, target);
      const now = this.clock.now();
      const previous = await documentVersions.current(manager, engagementId, kind);
      if (previous) await this.supersede(proposal, previous, target.version, now);
      const saved = await this.markProposed(proposal, target, proposed, previous, now);
      await this.announce(proposal, saved, previous);
      return view(saved);
    });
  }

  /** The version to propose; 409 unless it is a draft. */
  private async draftToPropose(
    { manager, engagementId, kind }: Proposal,
    version: number,
  ): Promise<EngagementDocumentVersion> {
    const target = await requireVersion(manager, engagementId, kind, version);
    if (target.status !== 'draft') {
      throw new AgreementsError(
        'DOCUMENT_VERSION_CHANGED',
        `Version ${version} is ${target.status}; only a draft can be proposed`,
      );
    }
    return target;
  }

  /**
   * Validates and renders the draft again: the customer's domains, names or the agreement may
   * have moved on since it was saved.
   */
  private async revalidate(
    proposal: Proposal,
    target: EngagementDocumentVersion,
  ): Promise<ProposedContent> {
    const { manager, kind, context } = proposal;
    const content = validateContent(kind, target.content, context);
    const agreementVersion = await this.agreementToFollow(proposal);
    const rendered = await this.composer.render(
      manager,
      context,
      kind,
      content,
      target.version,
      agreementVersion,
    );
    return { content, rendered, agreementVersion };
  }

  /**
   * The current agreement version a proposed runbook follows (none for the agreement itself);
   * 409 when a runbook is proposed before the agreement.
   */
  private async agreementToFollow({
    manager,
    engagementId,
    kind,
  }: Proposal): Promise<number | null> {
    if (kind === 'service_agreement') return null;
    const agreement = await documentVersions.current(manager, engagementId, 'service_agreement');
    if (!agreement) {
      throw new AgreementsError(
        'AGREEMENT_NOT_PROPOSED',
        'Propose the service agreement first: the runbook follows its SLA, contacts and authorisation modes',
      );
    }
    return agreement.version;
  }

  /** The proposed or approved version gives way to `byVersion`. */
  private async supersede(
    { manager, scope, engagementId, kind, context }: Proposal,
    previous: EngagementDocumentVersion,
    byVersion: number,
    now: Date,
  ): Promise<void> {
    await manager.getRepository(EngagementDocumentVersion).update(
      { id: previous.id },
      {
        status: 'superseded',
        supersededByVersion: byVersion,
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
        supersededByVersion: byVersion,
      },
    });
  }

  private async markProposed(
    { manager, scope, engagementId, kind, context }: Proposal,
    target: EngagementDocumentVersion,
    { content, rendered, agreementVersion }: ProposedContent,
    previous: EngagementDocumentVersion | null,
    now: Date,
  ): Promise<EngagementDocumentVersion> {
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
    return saved;
  }

  /**
   * Tells the workflow: the document's step, and for the agreement the language step when the
   * language section changed from the version it supersedes.
   */
  private async announce(
    { manager, scope, engagementId, kind }: Proposal,
    saved: EngagementDocumentVersion,
    previous: EngagementDocumentVersion | null,
  ): Promise<void> {
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
  }
}
