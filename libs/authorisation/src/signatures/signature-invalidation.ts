import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/access';
import { Clock } from '@app/platform';
import { ExternalStepEvents, OnboardingStep } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { SignatureRequest } from './signature-request.entity';
import { SignatureTrail } from './signature-trail';
import { SIGNATURE_STEP_KEY } from './signature-vocabulary';

/**
 * A new agreement version supersedes the one a request names: pending requests of it can no
 * longer be signed, signatures of it no longer bind, and a step done by such a signature goes
 * stale (a new request is needed). Runs in the transaction that proposed the new version.
 */
@Injectable()
export class SignatureInvalidation {
  constructor(
    private readonly trail: SignatureTrail,
    private readonly steps: ExternalStepEvents,
    private readonly clock: Clock,
  ) {}

  async agreementSuperseded(
    manager: EntityManager,
    actor: Actor,
    engagementId: string,
    newHash: string,
  ): Promise<void> {
    const affected = await manager
      .getRepository(SignatureRequest)
      .createQueryBuilder('r')
      .innerJoin('engagement_document_version', 'v', 'v.id = r.document_version_id')
      .where(
        `r.engagement_id = :engagementId AND r.status IN ('pending', 'signed') AND v.status = 'superseded'`,
        { engagementId },
      )
      .setLock('pessimistic_write', undefined, ['r'])
      .getMany();
    let staleStep = false;
    for (const request of affected) {
      const wasSigned = request.status === 'signed';
      Object.assign(request, { status: 'invalidated', invalidatedAt: this.clock.now() });
      await manager.getRepository(SignatureRequest).save(request);
      await this.trail.record(
        manager,
        request,
        { actor, name: null, email: null },
        {
          kind: 'invalidated',
          detail: 'a new version of the agreement was proposed',
          changes: {
            status: { from: wasSigned ? 'signed' : 'pending', to: 'invalidated' },
            newDocumentSha256: newHash,
          },
        },
      );
      if (wasSigned) {
        const step = await manager
          .getRepository(OnboardingStep)
          .findOneBy({ onboardingId: request.onboardingId, key: SIGNATURE_STEP_KEY });
        staleStep ||= step?.state === 'done' && step.contentHash === request.documentSha256;
      }
    }
    if (staleStep)
      await this.steps.proposed(manager, actor, engagementId, SIGNATURE_STEP_KEY, newHash);
  }
}
