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
import { EngagementAssignment } from '../entities/engagement-assignment.entity';
import { Engagement } from '../entities/engagement.entity';
import { Membership } from '../entities/membership.entity';
import { Organisation } from '../entities/organisation.entity';
import { AccessScope, can, customerFilterSql, engagementScopeCondition } from '@app/access';
import { OrganisationService } from './organisation.service';
import { Page, Paging } from './paging';
import { IdentityError } from '../identity-errors';

export interface CreateEngagementInput {
  customerOrganisationId: string;
  providerOrganisationId?: string;
  name: string;
  accountManagerIds?: string[];
  edrProduct?: string;
  edrTenant?: string;
}

export interface EngagementView extends Engagement {
  customerName: string;
  providerName: string;
  accountManagerIds: string[];
}

@Injectable()
export class EngagementService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationService,
    private readonly clock: Clock,
  ) {}

  async list(
    scope: AccessScope,
    paging: Paging,
    filter: { customer?: string } = {},
  ): Promise<Page<EngagementView>> {
    const condition = engagementScopeCondition(scope, 'e');
    const qb = this.tx.manager
      .getRepository(Engagement)
      .createQueryBuilder('e')
      .where(condition.sql, condition.params);
    const customer = filter.customer
      ? customerFilterSql('e.customer_organisation_id', filter.customer)
      : null;
    if (customer) qb.andWhere(customer.sql, customer.params);
    const [items, total] = await qb
      .orderBy('e.created_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .take(paging.limit)
      .skip(paging.offset)
      .getManyAndCount();
    return { items: await this.describe(this.tx.manager, items), total, ...paging };
  }

  /** The engagement when the scope sees it; otherwise 404, whether or not it exists. */
  async get(
    scope: AccessScope,
    id: string,
    manager: EntityManager = this.tx.manager,
  ): Promise<Engagement> {
    const condition = engagementScopeCondition(scope, 'e');
    const found = await manager
      .getRepository(Engagement)
      .createQueryBuilder('e')
      .where('e.id = :id', { id })
      .andWhere(condition.sql, condition.params)
      .getOne();
    if (!found) throw new NotFoundException('Engagement');
    return found;
  }

  async view(scope: AccessScope, id: string): Promise<EngagementView> {
    const [view] = await this.describe(this.tx.manager, [await this.get(scope, id)]);
    return view;
  }

  async create(scope: AccessScope, input: CreateEngagementInput): Promise<EngagementView> {
    const providerId = input.providerOrganisationId ?? scope.organisationId;
    if (
      !can(scope, 'engagement.create', {
        customerOrganisationId: input.customerOrganisationId,
        providerOrganisationId: providerId,
      })
    ) {
      throw new ForbiddenException(
        'Only a platform admin or the provider lead of that provider creates engagements',
      );
    }
    if (!providerId) {
      throw new ValidationException([{ field: 'providerOrganisationId', reason: 'is required' }]);
    }
    const customer = await this.organisations.get(scope, input.customerOrganisationId);
    const provider = await this.organisations.get(scope, providerId);
    if (customer.kind !== 'customer') {
      throw new ValidationException([
        { field: 'customerOrganisationId', reason: 'must be a customer organisation' },
      ]);
    }
    if (provider.kind !== 'provider') {
      throw new ValidationException([
        { field: 'providerOrganisationId', reason: 'must be a provider organisation' },
      ]);
    }
    return this.tx.run(async (manager) => {
      const existing = await manager.getRepository(Engagement).findOne({
        where: { customerOrganisationId: customer.id, providerOrganisationId: provider.id },
      });
      if (existing)
        throw new IdentityError(
          'ENGAGEMENT_EXISTS',
          'This customer already has an engagement with this provider',
        );
      const engagement = manager.getRepository(Engagement).create({
        customerOrganisationId: customer.id,
        providerOrganisationId: provider.id,
        name: input.name,
        status: 'onboarding',
        edrProduct: input.edrProduct ?? 'example-edr',
        edrTenant: input.edrTenant ?? null,
        // The business clock, not the database's now(): "since" agrees with the engagement's story.
        createdAt: this.clock.now(),
      });
      await manager.getRepository(Engagement).save(engagement);
      for (const userId of input.accountManagerIds ?? []) {
        await this.insertAssignment(manager, engagement, userId, 'accountManagerIds');
      }
      await this.audit.record(manager, scope.actor, {
        action: 'engagement.created',
        subjectType: 'engagement',
        subjectId: engagement.id,
        organisationId: customer.id,
        engagementId: engagement.id,
        changes: { ...input, providerOrganisationId: provider.id },
      });
      const [view] = await this.describe(manager, [engagement]);
      return view;
    });
  }

  async assignAccountManager(
    scope: AccessScope,
    engagementId: string,
    userId: string,
  ): Promise<EngagementView> {
    const engagement = await this.get(scope, engagementId);
    if (!can(scope, 'engagement.assign_account_manager', engagement)) {
      throw new ForbiddenException(
        'Only a platform admin or the provider lead assigns account managers',
      );
    }
    return this.tx.run(async (manager) => {
      const already = await manager
        .getRepository(EngagementAssignment)
        .findOne({ where: { engagementId, userId } });
      if (!already) {
        await this.insertAssignment(manager, engagement, userId, 'userId');
        await this.audit.record(manager, scope.actor, {
          action: 'engagement.account_manager_assigned',
          subjectType: 'engagement',
          subjectId: engagement.id,
          organisationId: engagement.customerOrganisationId,
          engagementId: engagement.id,
          changes: { accountManagerId: userId },
        });
      }
      const [view] = await this.describe(manager, [engagement]);
      return view;
    });
  }

  private async insertAssignment(
    manager: EntityManager,
    engagement: Engagement,
    userId: string,
    field: string,
  ): Promise<void> {
    const membership = await manager.getRepository(Membership).findOne({
      where: { userId, role: 'account_manager', organisationId: engagement.providerOrganisationId },
    });
    if (!membership) {
      throw new ValidationException([
        { field, reason: `user ${userId} is not an account manager of this provider` },
      ]);
    }
    await manager
      .getRepository(EngagementAssignment)
      .insert({ engagementId: engagement.id, userId });
  }

  private async describe(
    manager: EntityManager,
    engagements: Engagement[],
  ): Promise<EngagementView[]> {
    if (engagements.length === 0) return [];
    const orgIds = [
      ...new Set(engagements.flatMap((e) => [e.customerOrganisationId, e.providerOrganisationId])),
    ];
    const orgs = await manager
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .whereInIds(orgIds)
      .getMany();
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    const assignments = await manager
      .getRepository(EngagementAssignment)
      .createQueryBuilder('a')
      .where('a.engagement_id IN (:...ids)', { ids: engagements.map((e) => e.id) })
      .getMany();
    return engagements.map((e) => ({
      ...e,
      customerName: names.get(e.customerOrganisationId) ?? '',
      providerName: names.get(e.providerOrganisationId) ?? '',
      accountManagerIds: assignments.filter((a) => a.engagementId === e.id).map((a) => a.userId),
    }));
  }
}
