import { Injectable } from '@nestjs/common';
import { AgreementWorkflowLink } from '@app/agreements/workflow-link';
import { WorkflowAgreementEvents } from '@app/agreements/workflow/workflow-agreement-events';
import type { Actor } from '@app/access';
import { ExternalStepEvents, PlanSnapshots, StepEvidenceRegistry } from '@app/workflow';
import type { EntityManager } from 'typeorm';
import { SignatureInvalidation } from './signature-invalidation';

/**
 * The workflow's agreement events, plus: a proposed agreement version supersedes the previous
 * one, which invalidates signature requests of it in the same transaction. Hooking here (where
 * the agreements lib announces the supersession) rather than only checking when signing means
 * the signed step goes stale the moment the document changes, not at the next signing attempt.
 */
@Injectable()
export class AgreementSignatureEvents extends WorkflowAgreementEvents {
  constructor(
    steps: ExternalStepEvents,
    registry: StepEvidenceRegistry,
    link: AgreementWorkflowLink,
    snapshots: PlanSnapshots,
    private readonly invalidation: SignatureInvalidation,
  ) {
    super(steps, registry, link, snapshots);
  }

  override async versionProposed(
    manager: EntityManager,
    actor: Actor,
    engagementId: string,
    stepKeys: string[],
    hash: string,
  ): Promise<void> {
    await super.versionProposed(manager, actor, engagementId, stepKeys, hash);
    if (stepKeys.includes('service_agreement'))
      await this.invalidation.agreementSuperseded(manager, actor, engagementId, hash);
  }
}
