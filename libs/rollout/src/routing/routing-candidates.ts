import { Engagement, Membership, User } from '@app/identity';
import { EntityManager } from 'typeorm';
import type { RoutingCandidates } from './route-detection';

export interface Person {
  userId: string;
  displayName: string;
  email: string;
  countryCode: string | null;
}

/**
 * The customer's people who can receive detections: customer_it staff with the country their
 * membership names, and the security lead(s) (headquarters).
 */
export async function loadRoutingPeople(
  manager: EntityManager,
  engagement: Engagement,
): Promise<{ countryIt: Person[]; headquarters: Person[] }> {
  const rows = await manager
    .getRepository(Membership)
    .createQueryBuilder('m')
    .innerJoin(User, 'u', 'u.id = m.user_id')
    .select(['m.user_id AS "userId"', 'm.role AS role', 'm.country_code AS "countryCode"'])
    .addSelect(['u.display_name AS "displayName"', 'u.email AS email'])
    .where('m.organisation_id = :org', { org: engagement.customerOrganisationId })
    .andWhere(`m.role IN ('customer_it', 'customer_security_lead')`)
    .orderBy('u.email', 'ASC')
    .getRawMany<Person & { role: string }>();
  const person = ({ userId, displayName, email, countryCode }: Person): Person => ({
    userId,
    displayName,
    email,
    countryCode,
  });
  return {
    countryIt: rows.filter((r) => r.role === 'customer_it').map(person),
    headquarters: rows.filter((r) => r.role === 'customer_security_lead').map(person),
  };
}

export function toCandidates(people: {
  countryIt: Person[];
  headquarters: Person[];
}): RoutingCandidates {
  return {
    countryIt: people.countryIt.map((p) => ({ userId: p.userId, countryCode: p.countryCode })),
    headquarters: people.headquarters.map((p) => p.userId),
  };
}
