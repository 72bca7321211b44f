import { formatMomentDay } from '@app/platform';
import type { EntityManager } from 'typeorm';
import { OnboardingEvent } from '../entities/onboarding-event.entity';
import type { OnboardingStep } from '../entities/onboarding-step.entity';
import type { Recipient } from './step-mail-context';

/**
 * The day a step was last approved (by `approverUserId`, or by anyone), as that day was in the
 * reader's zone; null when no approval is recorded.
 */
export async function approvalDay(
  manager: EntityManager,
  step: Pick<OnboardingStep, 'onboardingId' | 'key'>,
  approverUserId: string | null,
  reader: Pick<Recipient, 'language' | 'timeZone'>,
): Promise<string | null> {
  const approval = await manager.getRepository(OnboardingEvent).findOne({
    where: {
      onboardingId: step.onboardingId,
      stepKey: step.key,
      action: 'approved',
      ...(approverUserId === null ? {} : { actorUserId: approverUserId }),
    },
    order: { id: 'DESC' },
  });
  return approval
    ? formatMomentDay(approval.at, { language: reader.language, timeZone: reader.timeZone }, 'long')
    : null;
}
