import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { OrganisationSso } from '../entities/organisation-sso.entity';
import { OrganisationSsoDomain } from '../entities/organisation-sso-domain.entity';
import { emailDomain } from '../services/user.service';

/** Which organisation's provider an address signs in through, and whether passwords are off for it. */
@Injectable()
export class SsoDirectory {
  constructor(private readonly tx: TransactionRunner) {}

  /** The settings of the organisation whose routed domains include the address's, or null. */
  async forEmail(
    email: string,
    manager: EntityManager = this.tx.manager,
  ): Promise<OrganisationSso | null> {
    if (!email.includes('@')) return null;
    const domain = emailDomain(email.trim());
    const routed = await manager
      .getRepository(OrganisationSsoDomain)
      .findOne({ where: { domain } });
    return routed ? this.forOrganisation(routed.organisationId, manager) : null;
  }

  forOrganisation(
    organisationId: string,
    manager: EntityManager = this.tx.manager,
  ): Promise<OrganisationSso | null> {
    return manager.getRepository(OrganisationSso).findOne({ where: { organisationId } });
  }

  /**
   * Whether a password may not be used for this address or this person: the address's domain
   * routes to an organisation that turned passwords off (decided from the domain alone, so the
   * answer says nothing about whether the account exists), or the person belongs to one.
   */
  async passwordsDisabled(
    email: string,
    organisationId: string | null,
    manager: EntityManager = this.tx.manager,
  ): Promise<boolean> {
    if ((await this.forEmail(email, manager))?.passwordSignInDisabled) return true;
    if (!organisationId) return false;
    return (await this.forOrganisation(organisationId, manager))?.passwordSignInDisabled ?? false;
  }
}
