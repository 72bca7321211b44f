import type { AccessScope } from './access-scope';
import type { OrganisationKind, Role } from './roles';

/**
 * Who holds a capability, by where they must sit relative to the subject:
 * - `customer`: the role, in the subject's customer organisation;
 * - `provider`: the role, in the subject's provider organisation;
 * - `visible`: the role, wherever the subject is. The scoped lookup that found the subject already
 *   kept it inside the caller's reach (account managers see the engagements assigned to them,
 *   platform admins everything), so no organisation is compared.
 */
export interface Holders {
  readonly customer?: readonly Role[];
  readonly provider?: readonly Role[];
  readonly visible?: readonly Role[];
}

const PROVIDER_STAFF: readonly Role[] = ['provider_lead', 'provider_analyst'];
const CUSTOMER_STAFF: readonly Role[] = ['customer_security_lead', 'customer_it'];
/** An organisation's own lead: a customer's security lead, a provider's lead; or a platform admin. */
const ORGANISATION_LEAD: Holders = {
  visible: ['platform_admin'],
  customer: ['customer_security_lead'],
  provider: ['provider_lead'],
};
/** The provider lead of the engagement's provider, or an account manager of that provider. */
const COORDINATOR: Holders = { provider: ['provider_lead', 'account_manager'] };

/**
 * The access policy: every capability and who holds it. A check anywhere (route, service, page)
 * names a capability and asks `can`; nothing else compares roles. `capabilities.spec.ts` lists, per
 * role, what it may do, so a change here shows up as a failing expectation.
 */
export const CAPABILITIES = {
  // Organisations and people
  'organisation.create': { visible: ['platform_admin'] },
  'organisation.create_customer': { visible: ['platform_admin', 'provider_lead'] },
  'organisation.manage_security': ORGANISATION_LEAD,
  'user.invite': ORGANISATION_LEAD,
  'user.invite_platform_admin': { visible: ['platform_admin'] },
  /** A customer's first security lead, added by a provider lead (further conditions in UserService). */
  'user.invite_first_security_lead': { visible: ['provider_lead'] },
  'user.disable': { visible: ['platform_admin', 'customer_security_lead', 'provider_lead'] },
  'api_key.manage': { visible: ['customer_security_lead', 'provider_lead'] },
  'engagement.create': { visible: ['platform_admin'], provider: ['provider_lead'] },
  'engagement.assign_account_manager': { visible: ['platform_admin'], provider: ['provider_lead'] },
  'catalogue.manage': { visible: ['platform_admin'], provider: ['provider_lead'] },
  'mailbox.read_all': { visible: ['platform_admin'] },
  // Audit
  'audit.export': {
    visible: ['platform_admin', 'provider_lead', 'account_manager', 'customer_security_lead'],
  },
  'audit.read_network': { visible: ['platform_admin', 'customer_security_lead'] },
  /** What internal audit records withhold (internal comments, files): the provider's side only. */
  'audit.read_internal': { visible: ['account_manager'], provider: PROVIDER_STAFF },
  // Onboarding
  'overview.read': { visible: ['platform_admin', 'provider_lead', 'account_manager'] },
  'onboarding.create': { provider: ['provider_lead'], visible: ['account_manager'] },
  'onboarding.start_service': COORDINATOR,
  'step.waive': COORDINATOR,
  'step.reopen': COORDINATOR,
  'document.compose': { provider: PROVIDER_STAFF },
  'document.decide': { customer: ['customer_security_lead'] },
  /** The readiness summary of an onboarding (its page and PDF). */
  'readiness.read': {
    customer: ['customer_security_lead'],
    provider: PROVIDER_STAFF,
    visible: ['account_manager'],
  },
  'signature.request': { provider: PROVIDER_STAFF, visible: ['account_manager'] },
  'domain_confirmation.request': {
    visible: ['provider_lead', 'provider_analyst', 'account_manager'],
  },
  // Roll-out
  'rollout.edit': { customer: CUSTOMER_STAFF, provider: PROVIDER_STAFF },
  'rollout.plan.design': { provider: PROVIDER_STAFF },
  'rollout.site.survey': { customer: CUSTOMER_STAFF, provider: PROVIDER_STAFF },
  'rollout.mode_switch.decide': { customer: ['customer_security_lead'] },
  'rollout.deployment.excuse': { customer: ['customer_security_lead'] },
  'endpoint.exception.record': { customer: ['customer_security_lead'] },
  'endpoint.exception.propose': { provider: PROVIDER_STAFF },
  'protection.maintain': { provider: PROVIDER_STAFF },
  'routing.edit': {
    provider: ['provider_lead'],
    visible: ['account_manager'],
    customer: ['customer_security_lead'],
  },
  // Incidents
  'incident.respond': { provider: PROVIDER_STAFF },
  /** The post-incident review, which the customer reads. */
  'incident.review.record': { provider: PROVIDER_STAFF },
  'incident.action.decide': { customer: ['customer_security_lead'] },
  'incident.customer_task.complete': { customer: CUSTOMER_STAFF },
  'incident.escalation.acknowledge': { customer: CUSTOMER_STAFF },
  'incident.webhook.manage': { provider: ['provider_lead'] },
  // Conversations
  /** Read a subject's shared comments (every person who sees the engagement). */
  'conversation.read': {
    visible: ['platform_admin', 'account_manager'],
    customer: CUSTOMER_STAFF,
    provider: PROVIDER_STAFF,
  },
  /** Write comments (and reply to a comment mail) as one of the engagement's parties. */
  'conversation.comment': {
    visible: ['account_manager'],
    customer: CUSTOMER_STAFF,
    provider: PROVIDER_STAFF,
  },
  /** Read and write internal comments: the provider's staff and account managers only. */
  'conversation.internal': { visible: ['account_manager'], provider: PROVIDER_STAFF },
  // Notification channels (Slack, Teams) of an engagement: provider staff set them up, the
  // customer's security lead sees which exist (never their URL).
  'notification_channel.read': {
    visible: ['platform_admin', 'account_manager'],
    provider: PROVIDER_STAFF,
    customer: ['customer_security_lead'],
  },
  'notification_channel.manage': { provider: PROVIDER_STAFF },
  // Evidence files (libs/evidence; steps and incidents in libs/collaboration/src/evidence)
  /** Attach a file to a step or an incident of the engagement. */
  'evidence.attach': {
    customer: CUSTOMER_STAFF,
    provider: PROVIDER_STAFF,
    visible: ['account_manager'],
  },
  /** See and attach internal files: the provider's staff and account managers, never the customer. */
  'evidence.read_internal': { provider: PROVIDER_STAFF, visible: ['account_manager'] },
} as const satisfies Record<string, Holders>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

/** What a capability is checked against: the engagement, or an organisation (organisationSubject). */
export interface AccessSubject {
  readonly customerOrganisationId: string | null;
  readonly providerOrganisationId: string | null;
}

/** An organisation as a subject: it is the customer or the provider side, by its kind. */
export function organisationSubject(organisation: {
  id: string;
  kind: OrganisationKind;
}): AccessSubject {
  return organisation.kind === 'customer'
    ? { customerOrganisationId: organisation.id, providerOrganisationId: null }
    : { customerOrganisationId: null, providerOrganisationId: organisation.id };
}

/**
 * Whether the caller may do it. With a subject, `customer` and `provider` holders must belong to
 * that side of it. Without one (a route decorator, before the scoped lookup; a page deciding
 * whether to offer a form at all) only the role is asked; the service asks again with the subject.
 */
export function can(scope: AccessScope, capability: Capability, subject?: AccessSubject): boolean {
  const holders: Holders = CAPABILITIES[capability];
  if (holders.visible && scope.has(...holders.visible)) return true;
  return (
    sideHolds(scope, holders.customer, subject?.customerOrganisationId, subject) ||
    sideHolds(scope, holders.provider, subject?.providerOrganisationId, subject)
  );
}

function sideHolds(
  scope: AccessScope,
  roles: readonly Role[] | undefined,
  organisationId: string | null | undefined,
  subject: AccessSubject | undefined,
): boolean {
  if (!roles || !scope.has(...roles)) return false;
  if (!subject) return true;
  return (
    organisationId !== null &&
    organisationId !== undefined &&
    organisationId === scope.organisationId
  );
}

/** The roles that hold a capability on some subject: what a route decorator lets through. */
export function rolesHolding(capability: Capability): Role[] {
  const holders: Holders = CAPABILITIES[capability];
  return [
    ...new Set([
      ...(holders.visible ?? []),
      ...(holders.customer ?? []),
      ...(holders.provider ?? []),
    ]),
  ];
}
