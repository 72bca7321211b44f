import type { DataSource, EntityManager } from 'typeorm';
import type { AccessScope } from './access-scope';
import { engagementScopeCondition } from './scope-sql';

/** Whether the engagement exists inside the caller's scope (callers answer 404 when it does not). */
export async function isEngagementVisible(
  db: DataSource | EntityManager,
  scope: AccessScope,
  engagementId: string,
): Promise<boolean> {
  const condition = engagementScopeCondition(scope, 'e');
  const visible: unknown = await db
    .createQueryBuilder()
    .select('e.id')
    .from('engagement', 'e')
    .where('e.id = :engagementId', { engagementId })
    .andWhere(condition.sql, condition.params)
    .getRawOne();
  return visible !== undefined && visible !== null;
}
