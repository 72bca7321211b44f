import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import {
  Clock,
  ForbiddenException,
  NotFoundException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { EntityManager } from 'typeorm';
import { Organisation } from '../entities/organisation.entity';
import type { Language, OrganisationKind } from '@app/access';
import { AccessScope, can } from '@app/access';
import { organisationScopeCondition } from '@app/access';
import { Page, Paging } from './paging';

export interface CreateOrganisationInput {
  kind: OrganisationKind;
  name: string;
  language: Language;
  emailDomains: string[];
}

@Injectable()
export class OrganisationService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(
    scope: AccessScope,
    paging: Paging,
    kind?: OrganisationKind,
  ): Promise<Page<Organisation>> {
    const condition = organisationScopeCondition(scope, 'o');
    const qb = this.tx.manager
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .where(condition.sql, condition.params);
    if (kind) qb.andWhere('o.kind = :kind', { kind });
    const [items, total] = await qb
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .take(paging.limit)
      .skip(paging.offset)
      .getManyAndCount();
    return { items, total, ...paging };
  }

  /** The organisation when the scope sees it; otherwise 404, whether or not it exists. */
  async get(
    scope: AccessScope,
    id: string,
    manager: EntityManager = this.tx.manager,
  ): Promise<Organisation> {
    const condition = organisationScopeCondition(scope, 'o');
    const found = await manager
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .where('o.id = :id', { id })
      .andWhere(condition.sql, condition.params)
      .getOne();
    if (!found) throw new NotFoundException('Organisation');
    return found;
  }

  async create(scope: AccessScope, input: CreateOrganisationInput): Promise<Organisation> {
    if (
      !can(
        scope,
        input.kind === 'customer' ? 'organisation.create_customer' : 'organisation.create',
      )
    ) {
      throw new ForbiddenException(
        'Only a platform admin creates organisations; a provider lead may create customers',
      );
    }
    return this.tx.run(async (manager) => {
      const emailDomains = [...new Set(input.emailDomains.map((d) => d.toLowerCase()))];
      if (input.kind === 'customer') await this.refuseProviderDomains(manager, emailDomains);
      const organisation = manager.getRepository(Organisation).create({
        ...input,
        emailDomains,
        createdByOrganisationId: scope.isPlatformAdmin ? null : scope.organisationId,
        createdAt: this.clock.now(),
      });
      await manager.getRepository(Organisation).save(organisation);
      await this.audit.record(manager, scope.actor, {
        action: 'organisation.created',
        subjectType: 'organisation',
        subjectId: organisation.id,
        organisationId: organisation.id,
        changes: { ...input, emailDomains: organisation.emailDomains },
      });
      return organisation;
    });
  }

  /**
   * A customer's domains decide where its first security lead's invitation may go (see
   * UserService), so they may not be a provider's: a provider could otherwise invite itself as
   * the customer's approver.
   */
  private async refuseProviderDomains(manager: EntityManager, domains: string[]): Promise<void> {
    if (domains.length === 0) return;
    const taken = (await manager.query(
      `SELECT DISTINCT d FROM organisation o, unnest(o.email_domains) AS d WHERE o.kind = 'provider' AND d = ANY($1::text[]) ORDER BY d`,
      [domains],
    )) as { d: string }[];
    if (taken.length > 0) {
      throw new ValidationException([
        {
          field: 'emailDomains',
          reason: `includes an MDR provider's domain (${taken.map((t) => t.d).join(', ')}); a customer's domains must be its own`,
        },
      ]);
    }
  }
}
