import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { canonicalJson } from '@app/audit/canonical-json';
import { AccessScope } from '@app/identity';
import { Clock, DomainException, TransactionRunner } from '@app/platform';
import { DocumentKind } from '../../domain/vocabulary';
import { sha256Hex } from '../../documents/document-renderer';
import { EngagementDocumentVersion } from '../../entities/document-version.entity';
import { AgreementEvents } from '../agreement-events';
import { documentVersions } from '../document-versions';
import { VersionView, view } from '../version-view';
import { DocumentComposer } from './document-composer';
import { AUDIT_PREFIX, requireVersion, validateContent } from './document-support';

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
      await documentVersions.lock(manager, engagementId, kind);
      const target = await requireVersion(manager, engagementId, kind, version);
      if (target.status !== 'draft') {
        throw new DomainException(
          'CONFLICT',
          `Version ${version} is ${target.status}; only a draft can be proposed`,
        );
      }
      // Validate and render again: the customer's domains, names or the agreement may have moved on.
      const content = validateContent(kind, target.content, context);
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
      const rendered = await this.composer.render(
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
}
