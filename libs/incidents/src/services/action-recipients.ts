import { Injectable } from '@nestjs/common';
import { Language } from '@app/identity';
import { EntityManager } from 'typeorm';

export interface ActionRecipient {
  id: string;
  email: string;
  displayName: string;
  language: Language;
}

/** The customer's security leads: whom a response action is asked of, or told about. */
@Injectable()
export class ActionRecipients {
  async securityLeads(
    manager: EntityManager,
    customerOrganisationId: string,
  ): Promise<ActionRecipient[]> {
    return manager.query(
      `SELECT DISTINCT u.id, u.email, u.display_name AS "displayName", u.language
         FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.organisation_id = $1 AND m.role = 'customer_security_lead'
        ORDER BY u.email`,
      [customerOrganisationId],
    );
  }

  async byId(manager: EntityManager, userId: string): Promise<ActionRecipient | null> {
    const rows: ActionRecipient[] = await manager.query(
      `SELECT id, email, display_name AS "displayName", language FROM app_user WHERE id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }
}
