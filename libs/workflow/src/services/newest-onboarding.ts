import type { Actor } from '@app/access';
import { Engagement } from '@app/identity';
import { EntityManager } from 'typeorm';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import { Onboarding } from '../entities/onboarding.entity';
import type { TransitionContext } from './step-transitions';

/**
 * The engagement's newest onboarding (highest sequence) with its steps, its row locked like every
 * transition's; null when the engagement has none (a change elsewhere then has nothing to move).
 * A caller that has read the engagement in its transaction passes it instead of its id.
 */
export async function loadNewestOnboarding(
  manager: EntityManager,
  actor: Actor,
  engagementOrId: Engagement | string,
): Promise<TransitionContext | null> {
  const engagementId = typeof engagementOrId === 'string' ? engagementOrId : engagementOrId.id;
  const onboarding = await manager
    .getRepository(Onboarding)
    .createQueryBuilder('o')
    .where('o.engagement_id = :engagementId', { engagementId })
    .orderBy('o.sequence', 'DESC')
    .limit(1)
    .setLock('pessimistic_write')
    .getOne();
  if (!onboarding) return null;
  const engagement =
    typeof engagementOrId === 'string'
      ? await manager.getRepository(Engagement).findOneByOrFail({ id: engagementId })
      : engagementOrId;
  const steps = await manager
    .getRepository(OnboardingStep)
    .find({ where: { onboardingId: onboarding.id }, order: { position: 'ASC' } });
  return { manager, actor, onboarding, engagement, steps };
}
