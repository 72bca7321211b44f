import { AccessScope, ScopeGrant } from './access-scope';
import { engagementScopeCondition } from './scope-sql';

const grant = (roles: ScopeGrant['roles']): ScopeGrant => ({
  userId: 'u1',
  email: 'x@y.example',
  organisationId: 'o1',
  organisationKind: 'customer',
  roles,
  countryCodes: [],
  language: 'en',
  timeZone: 'UTC',
});
const scope = (roles: ScopeGrant['roles']): AccessScope =>
  AccessScope.of(grant(roles), { ip: null, userAgent: null });

describe('engagementScopeCondition', () => {
  it('lets platform admins see everything', () => {
    expect(engagementScopeCondition(scope(['platform_admin']), 'e').sql).toBe('TRUE');
  });

  it('limits customers to their own organisation', () => {
    const condition = engagementScopeCondition(scope(['customer_it']), 'e');
    expect(condition.sql).toBe('(e.customer_organisation_id = :scopeOrgId)');
    expect(condition.params).toMatchObject({ scopeOrgId: 'o1' });
  });

  it('limits account managers to their assignments and providers to their provider', () => {
    expect(engagementScopeCondition(scope(['account_manager']), 'e').sql).toContain(
      'engagement_assignment',
    );
    expect(engagementScopeCondition(scope(['account_manager']), 'e').sql).not.toContain(
      'provider_organisation_id',
    );
    expect(engagementScopeCondition(scope(['provider_analyst']), 'e').sql).toContain(
      'e.provider_organisation_id',
    );
  });

  it('sees nothing without a role', () => {
    expect(engagementScopeCondition(scope([]), 'e').sql).toBe('FALSE');
  });

  it('narrows a key made for one engagement to that engagement, over whatever its maker sees', () => {
    const keyScope = AccessScope.of(
      {
        ...grant(['provider_lead']),
        apiKey: { id: 'k1', scopes: ['incidents:read'], engagementId: 'e1' },
      },
      { ip: null, userAgent: null },
    );
    const condition = engagementScopeCondition(keyScope, 'p', 'engagement_id');
    expect(condition.sql).toBe(
      '((p.provider_organisation_id = :scopeOrgId) AND p.engagement_id = :scopeKeyEngagementId)',
    );
    expect(condition.params).toMatchObject({ scopeOrgId: 'o1', scopeKeyEngagementId: 'e1' });
  });
});
