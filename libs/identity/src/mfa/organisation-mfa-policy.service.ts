import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, can, organisationSubject } from '@app/access';
import { ForbiddenException, TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { Organisation } from '../entities/organisation.entity';
import { OrganisationService } from '../services/organisation.service';
import { hasSecondFactorSql } from './mfa-requirement';

export interface OrganisationMfaPolicy {
  organisationId: string;
  organisationName: string;
  /** Every one of its people must have a second factor. */
  requireMfa: boolean;
  /** Its active people, and how many of them have no second factor yet (asked to set one up at their next sign-in while required). */
  activeUsers: number;
  usersWithoutSecondFactor: number;
  /** The caller may switch it (the organisation's lead, or a platform admin). */
  canChange: boolean;
}

/**
 * An organisation's "require MFA for all users": read by whoever sees the organisation, switched
 * by its lead (a customer's security lead, a provider's lead) or a platform admin; audited.
 */
@Injectable()
export class OrganisationMfaPolicyService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly organisations: OrganisationService,
    private readonly audit: AuditService,
  ) {}

  /** 404 when the caller does not see the organisation. */
  async view(scope: AccessScope, organisationId: string): Promise<OrganisationMfaPolicy> {
    const organisation = await this.organisations.get(scope, organisationId);
    return this.describe(this.tx.manager, scope, organisation);
  }

  /** 404 when the caller does not see it, 403 when they see it but may not switch it. */
  async set(
    scope: AccessScope,
    organisationId: string,
    requireMfa: boolean,
  ): Promise<OrganisationMfaPolicy> {
    return this.tx.run(async (manager) => {
      const seen = await this.organisations.get(scope, organisationId, manager);
      if (!this.maySwitch(scope, seen))
        throw new ForbiddenException(
          "Only the organisation's lead or a platform admin sets its MFA policy",
        );
      // Locked: two admins switching at once are recorded one after the other.
      const organisation = await manager
        .getRepository(Organisation)
        .createQueryBuilder('o')
        .where('o.id = :id', { id: seen.id })
        .setLock('pessimistic_write')
        .getOneOrFail();
      if (organisation.requireMfa !== requireMfa) {
        await manager.getRepository(Organisation).update({ id: organisation.id }, { requireMfa });
        await this.audit.record(manager, scope.actor, {
          action: 'organisation.mfa_policy_changed',
          subjectType: 'organisation',
          subjectId: organisation.id,
          organisationId: organisation.id,
          changes: { requireMfa: { from: organisation.requireMfa, to: requireMfa } },
        });
        organisation.requireMfa = requireMfa;
      }
      return this.describe(manager, scope, organisation);
    });
  }

  private maySwitch(scope: AccessScope, organisation: Organisation): boolean {
    if (scope.apiKey) return false;
    return can(scope, 'organisation.manage_security', organisationSubject(organisation));
  }

  private async describe(
    manager: EntityManager,
    scope: AccessScope,
    organisation: Organisation,
  ): Promise<OrganisationMfaPolicy> {
    const [counts] = (await manager.query(
      `SELECT count(*)::int AS active,
              count(*) FILTER (WHERE NOT ${hasSecondFactorSql('u')})::int AS without
         FROM app_user u
        WHERE u.organisation_id = $1 AND u.disabled_at IS NULL`,
      [organisation.id],
    )) as { active: number; without: number }[];
    return {
      organisationId: organisation.id,
      organisationName: organisation.name,
      requireMfa: organisation.requireMfa,
      activeUsers: counts.active,
      usersWithoutSecondFactor: counts.without,
      canChange: this.maySwitch(scope, organisation),
    };
  }
}
