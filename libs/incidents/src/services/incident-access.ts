import { Injectable } from '@nestjs/common';
import { AccessScope, can, Engagement, EngagementService } from '@app/identity';
import { ForbiddenException, NotFoundException } from '@app/platform';
import { EntityManager } from 'typeorm';
import { Incident } from '../entities';

/**
 * Who may do what with an engagement's incidents: everyone who sees the engagement reads them
 * (another tenant's engagement or incident is 404); the provider lead or an analyst of the
 * engagement's provider runs them; the customer's security lead decides approval requests.
 */
@Injectable()
export class IncidentAccess {
  constructor(private readonly engagements: EngagementService) {}

  readable(scope: AccessScope, engagementId: string, manager?: EntityManager): Promise<Engagement> {
    return this.engagements.get(scope, engagementId, manager);
  }

  async responder(
    scope: AccessScope,
    engagementId: string,
    manager: EntityManager,
  ): Promise<Engagement> {
    const engagement = await this.readable(scope, engagementId, manager);
    if (!can(scope, 'incident.respond', engagement)) {
      throw new ForbiddenException(
        "Only the provider lead or an analyst of the engagement's provider runs incidents",
      );
    }
    return engagement;
  }

  async approver(
    scope: AccessScope,
    engagementId: string,
    manager: EntityManager,
  ): Promise<Engagement> {
    const engagement = await this.readable(scope, engagementId, manager);
    if (!can(scope, 'incident.action.decide', engagement)) {
      throw new ForbiddenException(
        "Only the customer's security lead approves or declines a response action",
      );
    }
    return engagement;
  }

  /** The engagement's incident, locked for a change when asked; 404 when it is not there. */
  async incident(
    manager: EntityManager,
    engagementId: string,
    incidentId: string,
    lock = false,
  ): Promise<Incident> {
    const qb = manager
      .getRepository(Incident)
      .createQueryBuilder('i')
      .where('i.id = :incidentId AND i.engagement_id = :engagementId', {
        incidentId,
        engagementId,
      });
    if (lock) qb.setLock('pessimistic_write');
    const incident = await qb.getOne();
    if (!incident) throw new NotFoundException('Incident');
    return incident;
  }
}
