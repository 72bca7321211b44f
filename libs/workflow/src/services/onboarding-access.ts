import { Injectable } from '@nestjs/common';
import { AccessScope, Engagement, engagementScopeCondition } from '@app/identity';
import { NotFoundException } from '@app/platform';
import { EntityManager } from 'typeorm';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import { Onboarding } from '../entities/onboarding.entity';

export interface ScopedOnboarding {
  onboarding: Onboarding;
  engagement: Engagement;
}

/** The one way to reach an onboarding: through the caller's scope, 404 for anything else. */
@Injectable()
export class OnboardingAccess {
  async load(
    scope: AccessScope,
    manager: EntityManager,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<ScopedOnboarding> {
    const condition = engagementScopeCondition(scope, 'e');
    // The engagement comes in the same query (mapped onto a plain property): this runs on
    // every onboarding request, the gate's hot path included.
    const qb = manager
      .getRepository(Onboarding)
      .createQueryBuilder('o')
      .innerJoinAndMapOne('o.engagement', Engagement, 'e', 'e.id = o.engagement_id')
      .where('o.id = :id', { id })
      .andWhere(condition.sql, condition.params);
    // Transitions of one onboarding serialise on its row, so dependents unblock correctly and
    // the service starts once; other onboardings are not held up.
    if (options.lock) qb.setLock('pessimistic_write', undefined, ['o']);
    const found = (await qb.getOne()) as (Onboarding & { engagement?: Engagement }) | null;
    if (!found?.engagement) throw new NotFoundException('Onboarding');
    const { engagement, ...fields } = found;
    return { onboarding: Object.assign(new Onboarding(), fields), engagement };
  }

  async steps(manager: EntityManager, onboardingId: string): Promise<OnboardingStep[]> {
    return manager
      .getRepository(OnboardingStep)
      .find({ where: { onboardingId }, order: { position: 'ASC' } });
  }
}
