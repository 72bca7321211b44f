import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, can, EngagementService } from '@app/identity';
import { Clock, ForbiddenException, TransactionRunner, ValidationException } from '@app/platform';
import { DocumentKind, VersionStatus } from '../../domain/vocabulary';
import { EngagementDocumentVersion } from '../../entities/document-version.entity';
import { AgreementEvents } from '../agreement-events';
import { documentVersions } from '../document-versions';
import { VersionView, view } from '../version-view';
import { AUDIT_PREFIX, requireVersion } from './document-support';
import { AgreementsError } from '../../agreements-errors';

/**
 * The customer's decision on the proposed version: the customer's security lead approves or
 * rejects it. One transaction with its audit record and the AgreementEvents hook.
 */
@Injectable()
export class DocumentDecisions {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly engagements: EngagementService,
    private readonly events: AgreementEvents,
    private readonly clock: Clock,
  ) {}

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

  private async decide(
    scope: AccessScope,
    engagementId: string,
    kind: DocumentKind,
    version: number,
    rejectionReason: string | null,
  ): Promise<VersionView> {
    return this.tx.run(async (manager) => {
      const engagement = await this.engagements.get(scope, engagementId, manager);
      if (!can(scope, 'document.decide', engagement)) {
        throw new ForbiddenException(
          "Only the customer's security lead approves or rejects this document",
        );
      }
      await documentVersions.lock(manager, engagementId, kind);
      const target = await requireVersion(manager, engagementId, kind, version);
      if (target.status !== 'proposed') {
        throw new AgreementsError(
          'DOCUMENT_VERSION_CHANGED',
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
}
