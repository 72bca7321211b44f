import { AccessScope } from './access-scope';

/** A WHERE fragment and its parameters; parameter names are prefixed to avoid collisions. */
export interface ScopeCondition {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * Which engagements the scope sees, as SQL over an engagement alias:
 * customers their own organisation's, provider staff their provider's, account managers the
 * ones assigned to them, platform admins all. Also works over any table that carries the
 * engagement's `customer_organisation_id` and `provider_organisation_id` and names the
 * engagement's id in `idColumn` (e.g. the kept onboarding progress).
 */
export function engagementScopeCondition(
  scope: AccessScope,
  alias: string,
  idColumn = 'id',
): ScopeCondition {
  const condition = rolesEngagementCondition(scope, alias, idColumn);
  // A key made for one engagement sees that one only, whatever its maker sees.
  const keyEngagementId = scope.apiKey?.engagementId;
  if (!keyEngagementId) return condition;
  return {
    sql: `(${condition.sql} AND ${alias}.${idColumn} = :scopeKeyEngagementId)`,
    params: { ...condition.params, scopeKeyEngagementId: keyEngagementId },
  };
}

function rolesEngagementCondition(
  scope: AccessScope,
  alias: string,
  idColumn: string,
): ScopeCondition {
  if (scope.isPlatformAdmin) return { sql: 'TRUE', params: {} };
  const parts: string[] = [];
  const params = { scopeOrgId: scope.organisationId, scopeUserId: scope.userId };
  if (scope.has('customer_security_lead', 'customer_it')) {
    parts.push(`${alias}.customer_organisation_id = :scopeOrgId`);
  }
  if (scope.has('provider_lead', 'provider_analyst')) {
    parts.push(`${alias}.provider_organisation_id = :scopeOrgId`);
  }
  if (scope.has('account_manager')) {
    parts.push(
      `EXISTS (SELECT 1 FROM engagement_assignment ea WHERE ea.user_id = :scopeUserId AND ea.engagement_id = ${alias}.${idColumn})`,
    );
  }
  return { sql: parts.length ? `(${parts.join(' OR ')})` : 'FALSE', params };
}

/** The engagement ids the scope sees, as a sub-select for joining other tables to. */
export function visibleEngagementIdsSql(scope: AccessScope): ScopeCondition {
  const condition = engagementScopeCondition(scope, 'se');
  return {
    sql: `SELECT se.id FROM engagement se WHERE ${condition.sql}`,
    params: condition.params,
  };
}

/**
 * Which organisations the scope sees: its own, those it set up, and both sides of every
 * engagement it sees.
 */
export function organisationScopeCondition(scope: AccessScope, alias: string): ScopeCondition {
  if (scope.isPlatformAdmin) return { sql: 'TRUE', params: {} };
  const engagements = engagementScopeCondition(scope, 've');
  const parts = [
    `${alias}.id = :scopeOrgId`,
    `${alias}.id IN (SELECT ve.customer_organisation_id FROM engagement ve WHERE ${engagements.sql})`,
    `${alias}.id IN (SELECT ve.provider_organisation_id FROM engagement ve WHERE ${engagements.sql})`,
  ];
  if (scope.has('provider_lead')) parts.push(`${alias}.created_by_organisation_id = :scopeOrgId`);
  return {
    sql: `(${parts.join(' OR ')})`,
    params: { ...engagements.params, scopeOrgId: scope.organisationId },
  };
}
