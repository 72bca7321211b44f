import { AccessScope, can, Engagement, EngagementService } from '@app/identity';
import { NotFoundException } from '@app/platform';
import { EntityManager } from 'typeorm';

/** The engagement, when the reader may read its conversations; 404 otherwise (as if absent). */
export async function readableEngagement(
  engagements: EngagementService,
  scope: AccessScope,
  engagementId: string,
  manager: EntityManager,
): Promise<Engagement> {
  const engagement = await engagements.get(scope, engagementId, manager);
  if (!can(scope, 'conversation.read', engagement)) throw new NotFoundException('Engagement');
  return engagement;
}
