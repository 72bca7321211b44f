import { Injectable } from '@nestjs/common';
import type { Language } from '@app/access';
import { EntityManager } from 'typeorm';

/** Which side of the engagement a person sits on; `provider` includes assigned account managers. */
export type Side = 'customer' | 'provider';

/** A person of an engagement, as conversations need them. */
export interface EngagementPerson {
  id: string;
  email: string;
  displayName: string;
  language: Language;
  side: Side;
}

/**
 * The people of an engagement: the customer's security leads and IT staff, the provider's lead
 * and analysts, and the account managers assigned to it; disabled people excluded. They are
 * whom a comment may mention and whom its mails may reach. Provider-side people read internal
 * comments; customer-side people never do.
 */
@Injectable()
export class ConversationPeople {
  async of(manager: EntityManager, engagementId: string): Promise<EngagementPerson[]> {
    const rows = (await manager.query(
      `SELECT u.id, u.email, u.display_name AS "displayName", u.language,
              bool_or(m.organisation_id = e.provider_organisation_id OR m.role = 'account_manager') AS provider
         FROM engagement e
         JOIN membership m
           ON (m.organisation_id = e.customer_organisation_id AND m.role IN ('customer_security_lead', 'customer_it'))
           OR (m.organisation_id = e.provider_organisation_id AND m.role IN ('provider_lead', 'provider_analyst'))
           OR (m.role = 'account_manager' AND EXISTS (
                 SELECT 1 FROM engagement_assignment ea WHERE ea.engagement_id = e.id AND ea.user_id = m.user_id))
         JOIN app_user u ON u.id = m.user_id AND u.disabled_at IS NULL
        WHERE e.id = $1
        GROUP BY u.id
        ORDER BY u.display_name, u.email`,
      [engagementId],
    )) as (Omit<EngagementPerson, 'side'> & { provider: boolean })[];
    return rows.map(({ provider, ...person }) => ({
      ...person,
      side: provider ? 'provider' : 'customer',
    }));
  }

  /** The person, if they are one of the engagement's people (with their side), else null. */
  async find(
    manager: EntityManager,
    engagementId: string,
    userId: string,
  ): Promise<EngagementPerson | null> {
    return (await this.of(manager, engagementId)).find((p) => p.id === userId) ?? null;
  }
}
