import { Injectable } from '@nestjs/common';
import { AccessScope, can, Engagement, EngagementService, Organisation } from '@app/identity';
import { ForbiddenException } from '@app/platform';
import { EntityManager } from 'typeorm';
import { storedAgreementContent } from '../../domain/agreement-content';
import { defaultRunbook } from '../../domain/default-runbooks';
import { storedRunbookContent } from '../../domain/runbook-content';
import { DocumentKind } from '../../domain/vocabulary';
import { DocumentParties, DocumentRenderer } from '../../documents/document-renderer';
import { documentVersions } from '../document-versions';
import { EngagementContext, RenderedVersion } from './document-support';

/**
 * What drafting and proposing share: who may edit an engagement's documents (with the
 * engagement's context), the content a new draft starts from, and rendering a version. Every
 * method works on the manager it is given, inside the caller's transaction.
 */
@Injectable()
export class DocumentComposer {
  constructor(
    private readonly engagements: EngagementService,
    private readonly renderer: DocumentRenderer,
  ) {}

  /** The engagement and both organisations, when the caller may draft and propose for it. */
  async editable(
    scope: AccessScope,
    manager: EntityManager,
    engagementId: string,
  ): Promise<EngagementContext> {
    const engagement = await this.engagements.get(scope, engagementId, manager);
    if (!can(scope, 'document.compose', engagement)) {
      throw new ForbiddenException(
        "Only the provider lead or an analyst of the engagement's provider drafts and proposes",
      );
    }
    return this.context(manager, engagement);
  }

  /**
   * What a new draft starts from: the newest version's content or, for a runbook, the default
   * runbook in the customer's language.
   */
  async baseContent(
    manager: EntityManager,
    context: EngagementContext,
    kind: DocumentKind,
  ): Promise<Record<string, unknown>> {
    const newest = await documentVersions.newest(manager, context.engagement.id, kind);
    if (newest) return newest.content;
    if (kind === 'service_agreement') return {};
    return defaultRunbook(kind, context.customer.language);
  }

  /** A draft runbook shows the current agreement, else the newest one, else none. */
  async agreementVersionForDraft(
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

  async render(
    manager: EntityManager,
    context: EngagementContext,
    kind: DocumentKind,
    content: Record<string, unknown>,
    version: number,
    agreementVersion: number | null,
  ): Promise<RenderedVersion> {
    const parties: DocumentParties = {
      engagementName: context.engagement.name,
      customerName: context.customer.name,
      providerName: context.provider.name,
    };
    const language = context.customer.language;
    if (kind === 'service_agreement') {
      const agreement = storedAgreementContent(content);
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
          content: storedAgreementContent(agreementRow.content),
        }
      : null;
    return {
      document: this.renderer.renderRunbook(
        kind,
        storedRunbookContent(kind, content),
        version,
        language,
        parties,
        agreement,
      ),
      languageSection: null,
      agreementVersion: agreement?.version ?? null,
    };
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
}
