import { AccessScope } from './access-scope';
import {
  AccessSubject,
  can,
  Capability,
  CAPABILITY_NAMES,
  organisationSubject,
  rolesHolding,
} from './capabilities';
import { organisationKindForRole, Role, ROLES } from './roles';

const scopeOf = (role: Role | null, organisationId: string | null): AccessScope =>
  AccessScope.of(
    {
      userId: 'u1',
      email: 'x@y.example',
      organisationId,
      organisationKind: role ? organisationKindForRole(role) : null,
      roles: role ? [role] : [],
      countryCodes: [],
      language: 'en',
      timeZone: 'UTC',
    },
    { ip: null, userAgent: null },
  );

/**
 * The policy, written out per role: what each may do on its own organisation's engagement (and
 * without a subject, which asks the role only), and what on an engagement of organisations it
 * does not belong to (one an assignment or the platform role brought into its scope). Changing
 * the table in capabilities.ts must change this list too.
 */
const MAY: Record<Role, { own: Capability[]; elsewhere: Capability[] }> = {
  customer_security_lead: {
    elsewhere: ['user.disable', 'api_key.manage', 'audit.export', 'audit.read_network'],
    own: [
      'user.disable',
      'api_key.manage',
      'audit.export',
      'audit.read_network',
      'organisation.manage_security',
      'user.invite',
      'document.decide',
      'rollout.edit',
      'rollout.site.survey',
      'rollout.mode_switch.decide',
      'rollout.deployment.excuse',
      'endpoint.exception.record',
      'routing.edit',
      'incident.action.decide',
      'incident.customer_task.complete',
      'incident.escalation.acknowledge',
      'conversation.read',
      'conversation.comment',
      'notification_channel.read',
      'readiness.read',
      'evidence.attach',
    ],
  },
  customer_it: {
    elsewhere: [],
    own: [
      'rollout.edit',
      'rollout.site.survey',
      'incident.customer_task.complete',
      'incident.escalation.acknowledge',
      'conversation.read',
      'conversation.comment',
      'evidence.attach',
    ],
  },
  provider_analyst: {
    elsewhere: ['domain_confirmation.request'],
    own: [
      'domain_confirmation.request',
      'document.compose',
      'signature.request',
      'rollout.edit',
      'rollout.plan.design',
      'rollout.site.survey',
      'endpoint.exception.propose',
      'protection.maintain',
      'incident.respond',
      'conversation.read',
      'conversation.comment',
      'conversation.internal',
      'audit.read_internal',
      'incident.review.record',
      'notification_channel.read',
      'notification_channel.manage',
      'readiness.read',
      'evidence.attach',
      'evidence.read_internal',
    ],
  },
  provider_lead: {
    elsewhere: [
      'organisation.create_customer',
      'user.invite_first_security_lead',
      'user.disable',
      'api_key.manage',
      'audit.export',
      'overview.read',
      'domain_confirmation.request',
    ],
    own: [
      'organisation.create_customer',
      'user.invite_first_security_lead',
      'user.disable',
      'api_key.manage',
      'audit.export',
      'overview.read',
      'domain_confirmation.request',
      'organisation.manage_security',
      'user.invite',
      'engagement.create',
      'engagement.assign_account_manager',
      'catalogue.manage',
      'onboarding.create',
      'onboarding.start_service',
      'step.waive',
      'step.reopen',
      'document.compose',
      'signature.request',
      'rollout.edit',
      'rollout.plan.design',
      'rollout.site.survey',
      'endpoint.exception.propose',
      'protection.maintain',
      'routing.edit',
      'incident.respond',
      'incident.review.record',
      'incident.webhook.manage',
      'conversation.read',
      'conversation.comment',
      'conversation.internal',
      'audit.read_internal',
      'notification_channel.read',
      'notification_channel.manage',
      'readiness.read',
      'evidence.attach',
      'evidence.read_internal',
    ],
  },
  account_manager: {
    elsewhere: [
      'audit.export',
      'overview.read',
      'onboarding.create',
      'signature.request',
      'domain_confirmation.request',
      'routing.edit',
      'conversation.read',
      'conversation.comment',
      'conversation.internal',
      'audit.read_internal',
      'notification_channel.read',
      'readiness.read',
      'evidence.attach',
      'evidence.read_internal',
    ],
    own: [
      'audit.export',
      'overview.read',
      'onboarding.create',
      'signature.request',
      'domain_confirmation.request',
      'routing.edit',
      'onboarding.start_service',
      'step.waive',
      'step.reopen',
      'conversation.read',
      'conversation.comment',
      'conversation.internal',
      'audit.read_internal',
      'notification_channel.read',
      'readiness.read',
      'evidence.attach',
      'evidence.read_internal',
    ],
  },
  platform_admin: {
    elsewhere: [
      'organisation.create',
      'organisation.create_customer',
      'organisation.manage_security',
      'user.invite',
      'user.invite_platform_admin',
      'user.disable',
      'engagement.create',
      'engagement.assign_account_manager',
      'catalogue.manage',
      'mailbox.read_all',
      'audit.export',
      'audit.read_network',
      'overview.read',
      'conversation.read',
      'notification_channel.read',
    ],
    own: [],
  },
};
// A platform admin belongs to no organisation: "own" is everything it may do anywhere.
MAY.platform_admin.own = MAY.platform_admin.elsewhere;

const ORG = 'org-1';
const elsewhere: AccessSubject = {
  customerOrganisationId: 'customer-x',
  providerOrganisationId: 'provider-x',
};
function ownEngagement(role: Role): AccessSubject {
  const kind = organisationKindForRole(role);
  if (kind === 'customer')
    return { customerOrganisationId: ORG, providerOrganisationId: 'provider-x' };
  if (kind === 'provider')
    return { customerOrganisationId: 'customer-x', providerOrganisationId: ORG };
  return elsewhere;
}

describe('the access policy', () => {
  for (const role of ROLES) {
    const scope = scopeOf(role, role === 'platform_admin' ? null : ORG);
    describe(role, () => {
      it.each(CAPABILITY_NAMES)(
        '%s on its own organisation’s engagement and without a subject',
        (capability) => {
          const expected = MAY[role].own.includes(capability);
          expect(can(scope, capability, ownEngagement(role))).toBe(expected);
          expect(can(scope, capability)).toBe(expected);
        },
      );

      it.each(CAPABILITY_NAMES)('%s on an engagement of other organisations', (capability) => {
        expect(can(scope, capability, elsewhere)).toBe(MAY[role].elsewhere.includes(capability));
      });
    });
  }

  it('lists only capabilities that exist, each once', () => {
    for (const role of ROLES) {
      for (const list of [MAY[role].own, MAY[role].elsewhere]) {
        expect(list.filter((c) => !CAPABILITY_NAMES.includes(c))).toEqual([]);
        expect(new Set(list).size).toBe(list.length);
      }
    }
  });

  it('grants nothing to a person without a role', () => {
    const scope = scopeOf(null, ORG);
    expect(
      CAPABILITY_NAMES.filter(
        (c) => can(scope, c) || can(scope, c, ownEngagement('provider_lead')),
      ),
    ).toEqual([]);
  });

  it('never matches an absent side of the subject to a caller without an organisation', () => {
    const orphan = AccessScope.of(
      {
        userId: 'u',
        email: 'x@y.example',
        organisationId: null,
        organisationKind: null,
        roles: ['provider_lead'],
        countryCodes: [],
        language: 'en',
        timeZone: 'UTC',
      },
      { ip: null, userAgent: null },
    );
    expect(
      can(orphan, 'catalogue.manage', organisationSubject({ id: 'c1', kind: 'customer' })),
    ).toBe(false);
  });

  it('places an organisation on its side by kind', () => {
    const customerLead = scopeOf('customer_security_lead', ORG);
    const providerLead = scopeOf('provider_lead', ORG);
    expect(
      can(
        customerLead,
        'organisation.manage_security',
        organisationSubject({ id: ORG, kind: 'customer' }),
      ),
    ).toBe(true);
    expect(
      can(
        providerLead,
        'organisation.manage_security',
        organisationSubject({ id: ORG, kind: 'customer' }),
      ),
    ).toBe(false);
    expect(
      can(
        providerLead,
        'organisation.manage_security',
        organisationSubject({ id: ORG, kind: 'provider' }),
      ),
    ).toBe(true);
    expect(
      can(
        customerLead,
        'organisation.manage_security',
        organisationSubject({ id: ORG, kind: 'provider' }),
      ),
    ).toBe(false);
  });

  it('lets a route through for exactly the roles that hold the capability without a subject', () => {
    for (const capability of CAPABILITY_NAMES) {
      expect([...rolesHolding(capability)].sort()).toEqual(
        ROLES.filter((role) => MAY[role].own.includes(capability)).sort(),
      );
    }
  });
});
