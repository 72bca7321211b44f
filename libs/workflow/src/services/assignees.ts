import { Injectable } from '@nestjs/common';
import { Engagement, EngagementAssignment, Membership, User } from '@app/identity';
import { EntityManager } from 'typeorm';
import type { GateUser } from '../gate/evaluate-gate';
import type { Party } from '../templates/template.types';

export interface Assignable {
  party: Party;
  role: string;
}

export function actingOrganisationId(engagement: Engagement, party: Party): string {
  return party === 'customer' ? engagement.customerOrganisationId : engagement.providerOrganisationId;
}

/** Who a step waits on: the users of the acting party's organisation holding the step's role. */
@Injectable()
export class AssigneeResolver {
  async forSteps(manager: EntityManager, engagement: Engagement, steps: Assignable[]): Promise<Map<string, GateUser[]>> {
    const orgIds = [engagement.customerOrganisationId, engagement.providerOrganisationId];
    const rows = await manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoin(User, 'u', 'u.id = m.user_id')
      .select(['m.organisation_id AS "organisationId"', 'm.role AS role', 'u.id AS id', 'u.display_name AS "displayName"', 'u.email AS email'])
      .where('m.organisation_id IN (:...orgIds)', { orgIds })
      .orderBy('u.display_name', 'ASC')
      .getRawMany<{ organisationId: string; role: string; id: string; displayName: string; email: string }>();
    const assigned = new Set(
      (await manager.getRepository(EngagementAssignment).findBy({ engagementId: engagement.id })).map((a) => a.userId),
    );
    const result = new Map<string, GateUser[]>();
    for (const step of steps) {
      const key = `${step.party}:${step.role}`;
      if (result.has(key)) continue;
      const orgId = actingOrganisationId(engagement, step.party);
      let users = rows.filter((r) => r.organisationId === orgId && r.role === step.role);
      // Account managers act only on the engagements assigned to them.
      if (step.role === 'account_manager') users = users.filter((u) => assigned.has(u.id));
      result.set(key, users.map(({ id, displayName, email }) => ({ id, displayName, email })));
    }
    return result;
  }
}
