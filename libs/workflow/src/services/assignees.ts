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
  return party === 'customer'
    ? engagement.customerOrganisationId
    : engagement.providerOrganisationId;
}

/** Who a step waits on: the users of the acting party's organisation holding the step's role. */
@Injectable()
export class AssigneeResolver {
  async forSteps(
    manager: EntityManager,
    engagement: Engagement,
    steps: Assignable[],
  ): Promise<Map<string, GateUser[]>> {
    const wanted = [...new Set(steps.map((s) => s.role))];
    const result = new Map<string, GateUser[]>();
    if (wanted.length === 0) return result;
    // One query: both organisations' members with the roles asked for; account managers only
    // when assigned to this engagement, since they act only on those.
    const rows = await manager
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoin(User, 'u', 'u.id = m.user_id')
      .leftJoin(EngagementAssignment, 'a', 'a.user_id = u.id AND a.engagement_id = :engagementId', {
        engagementId: engagement.id,
      })
      .select([
        'm.organisation_id AS "organisationId"',
        'm.role AS role',
        'u.id AS id',
        'u.display_name AS "displayName"',
        'u.email AS email',
      ])
      .where('m.organisation_id IN (:...orgIds)', {
        orgIds: [engagement.customerOrganisationId, engagement.providerOrganisationId],
      })
      .andWhere('m.role IN (:...wanted)', { wanted })
      .andWhere(`(m.role <> 'account_manager' OR a.user_id IS NOT NULL)`)
      .orderBy('u.display_name', 'ASC')
      .getRawMany<{
        organisationId: string;
        role: string;
        id: string;
        displayName: string;
        email: string;
      }>();
    return assigneesOf(engagement, steps, rows);
  }
}

/** The members (by display name) of each step's acting organisation holding its role, by `party:role`. */
export function assigneesOf(
  engagement: Engagement,
  steps: readonly Assignable[],
  members: readonly {
    organisationId: string;
    role: string;
    id: string;
    displayName: string;
    email: string;
  }[],
): Map<string, GateUser[]> {
  const result = new Map<string, GateUser[]>();
  for (const step of steps) {
    const key = `${step.party}:${step.role}`;
    if (result.has(key)) continue;
    const orgId = actingOrganisationId(engagement, step.party);
    const users = members.filter((r) => r.organisationId === orgId && r.role === step.role);
    result.set(
      key,
      users.map(({ id, displayName, email }) => ({ id, displayName, email })),
    );
  }
  return result;
}
