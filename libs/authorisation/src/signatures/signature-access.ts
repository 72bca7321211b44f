import { Injectable } from '@nestjs/common';
import { EngagementDocumentVersion } from '@app/agreements/entities';
import { AccessScope, Engagement, Organisation } from '@app/identity';
import { NotFoundException } from '@app/platform';
import { Onboarding, OnboardingAccess } from '@app/workflow';
import { EntityManager, In } from 'typeorm';
import { SignatureRequest } from './signature-request.entity';

export interface Parties {
  customer: Organisation;
  provider: Organisation;
}

/** Both organisations of an engagement; no scope, so only for code that checked access. */
export async function partiesOf(
  manager: EntityManager,
  engagement: Pick<Engagement, 'customerOrganisationId' | 'providerOrganisationId'>,
): Promise<Parties> {
  const organisations = manager.getRepository(Organisation);
  return {
    customer: await organisations.findOneByOrFail({ id: engagement.customerOrganisationId }),
    provider: await organisations.findOneByOrFail({ id: engagement.providerOrganisationId }),
  };
}

export interface ScopedRequest {
  onboarding: Onboarding;
  engagement: Engagement;
  request: SignatureRequest;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one way to a signature request: through the onboarding the caller's scope sees, so
 * another tenant's onboarding or request answers 404 like one that does not exist.
 */
@Injectable()
export class SignatureAccess {
  constructor(private readonly onboardings: OnboardingAccess) {}

  async load(
    scope: AccessScope,
    manager: EntityManager,
    onboardingId: string,
    requestId: string,
    lock = false,
  ): Promise<ScopedRequest> {
    const { onboarding, engagement } = await this.onboardings.load(scope, manager, onboardingId);
    if (!UUID.test(requestId)) throw new NotFoundException('Signature request');
    const query = manager
      .getRepository(SignatureRequest)
      .createQueryBuilder('r')
      .where('r.id = :requestId AND r.onboarding_id = :onboardingId', { requestId, onboardingId });
    if (lock) query.setLock('pessimistic_write');
    const request = await query.getOne();
    if (!request) throw new NotFoundException('Signature request');
    return { onboarding, engagement, request };
  }

  /** Version numbers of the agreement versions the requests name (for their views). */
  async agreementVersions(
    manager: EntityManager,
    requests: SignatureRequest[],
  ): Promise<Map<string, number>> {
    const ids = requests.map((r) => r.documentVersionId).filter((id): id is string => id !== null);
    if (ids.length === 0) return new Map();
    const rows = await manager
      .getRepository(EngagementDocumentVersion)
      .find({ where: { id: In(ids) }, select: { id: true, version: true } });
    return new Map(rows.map((row) => [row.id, row.version]));
  }
}
