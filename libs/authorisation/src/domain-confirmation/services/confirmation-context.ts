import { Injectable } from '@nestjs/common';
import { AccessScope, can, Engagement, Organisation } from '@app/identity';
import { ForbiddenException } from '@app/platform';
import { Onboarding, OnboardingAccess, OnboardingStep } from '@app/workflow';
import { EntityManager, In } from 'typeorm';
import { AuthorisationSubject } from '../domain/authorisation-statement';
import { AuthorisationError } from '../../authorisation-errors';

/** The onboarding step this feature decides. */
export const DOMAIN_PERMISSION_STEP = 'domain_permission_email';

export interface ConfirmationContext {
  onboarding: Onboarding;
  engagement: Engagement;
  step: OnboardingStep;
  customer: Organisation;
  provider: Organisation;
}

/** Who may send the domain-permission mail and run the DNS check: the provider's people. */
export function assertMayRequest(scope: AccessScope): void {
  if (!can(scope, 'domain_confirmation.request')) {
    throw new ForbiddenException(
      'Only the provider lead, an analyst or the account manager may do this',
    );
  }
}

export function authorisationSubject(ctx: ConfirmationContext): AuthorisationSubject {
  if (!ctx.engagement.edrTenant) {
    throw new AuthorisationError(
      'EDR_TENANT_MISSING',
      'The engagement names no EDR tenant yet; set it before asking for the domain permission',
    );
  }
  return {
    customerName: ctx.customer.name,
    providerName: ctx.provider.name,
    edrProduct: ctx.engagement.edrProduct,
    edrTenant: ctx.engagement.edrTenant,
    domains: ctx.customer.emailDomains,
  };
}

/** Reaches an onboarding only through the caller's scope (another tenant's: 404). */
@Injectable()
export class ConfirmationContextLoader {
  constructor(private readonly access: OnboardingAccess) {}

  async load(
    scope: AccessScope,
    manager: EntityManager,
    onboardingId: string,
    lock = false,
  ): Promise<ConfirmationContext> {
    const { onboarding, engagement } = await this.access.load(scope, manager, onboardingId, {
      lock,
    });
    return this.complete(manager, onboarding, engagement);
  }

  /** For a caller already bound to the onboarding (a token, a matched reply): no scope. */
  async loadBound(manager: EntityManager, onboardingId: string): Promise<ConfirmationContext> {
    const onboarding = await manager
      .getRepository(Onboarding)
      .findOneByOrFail({ id: onboardingId });
    const engagement = await manager
      .getRepository(Engagement)
      .findOneByOrFail({ id: onboarding.engagementId });
    return this.complete(manager, onboarding, engagement);
  }

  private async complete(
    manager: EntityManager,
    onboarding: Onboarding,
    engagement: Engagement,
  ): Promise<ConfirmationContext> {
    const step = await manager
      .getRepository(OnboardingStep)
      .findOneBy({ onboardingId: onboarding.id, key: DOMAIN_PERMISSION_STEP });
    if (!step)
      throw new AuthorisationError(
        'STEP_NOT_IN_TEMPLATE',
        `This onboarding has no ${DOMAIN_PERMISSION_STEP} step`,
      );
    const orgs = await manager.getRepository(Organisation).findBy({
      id: In([engagement.customerOrganisationId, engagement.providerOrganisationId]),
    });
    const customer = orgs.find((o) => o.id === engagement.customerOrganisationId);
    const provider = orgs.find((o) => o.id === engagement.providerOrganisationId);
    if (!customer || !provider)
      throw new Error(`Engagement ${engagement.id} lacks an organisation`);
    return { onboarding, engagement, step, customer, provider };
  }
}
