import { Injectable } from '@nestjs/common';
import { labelsFor } from '@app/agreements/domain/labels';
import { Actor, Engagement, Language, ReaderZones } from '@app/identity';
import { TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { Incident, IncidentEscalation } from '../entities';
import { EscalationTokens } from '../services/action-tokens';
import { EscalationsService } from './escalations.service';

export interface EscalationLinkPage {
  contactName: string;
  language: Language;
  customerName: string;
  incidentTitle: string;
  severity: string;
  ackDueAt: Date;
  /** The contact's time zone (their own as a user, else the customer's). */
  timeZone: string;
}

/**
 * The acknowledgement link in an escalation mail, like the action links: looking changes nothing
 * (mail scanners open links); acknowledging consumes it. Unknown, used, expired and passed-over
 * links are all "invalid".
 */
@Injectable()
export class EscalationLinksService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tokens: EscalationTokens,
    private readonly escalations: EscalationsService,
    private readonly zones: ReaderZones,
  ) {}

  async page(token: string): Promise<EscalationLinkPage | null> {
    const bound = await this.bound(this.tx.manager, token, false);
    if (!bound) return null;
    const { call, incident, engagement } = bound;
    const names: { name: string }[] = await this.tx.manager.query(
      `SELECT name FROM organisation WHERE id = $1`,
      [engagement.customerOrganisationId],
    );
    return {
      contactName: call.contactName,
      language: call.language,
      customerName: names[0]?.name ?? '',
      incidentTitle: incident.title,
      severity: labelsFor(call.language).severity[incident.severity],
      ackDueAt: call.ackDueAt,
      timeZone: await this.zones.ofEmail(
        call.contactEmail,
        engagement.customerOrganisationId,
        this.tx.manager,
      ),
    };
  }

  async acknowledge(
    token: string,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<'acknowledged' | 'invalid'> {
    return this.tx.run(async (manager) => {
      const bound = await this.bound(manager, token, true);
      if (!bound) return 'invalid';
      const { call, incident, engagement } = bound;
      // The contact need not have an account: the acknowledgement is theirs, for the customer.
      const users: { id: string }[] = await manager.query(
        `SELECT id FROM app_user WHERE email = $1 AND organisation_id = $2`,
        [call.contactEmail, engagement.customerOrganisationId],
      );
      const actor: Actor = {
        userId: users[0]?.id ?? null,
        organisationId: engagement.customerOrganisationId,
        ...meta,
      };
      await this.escalations.settle(manager, actor, engagement, incident, call, 'link');
      return 'acknowledged';
    });
  }

  private async bound(
    manager: EntityManager,
    token: string,
    lock: boolean,
  ): Promise<{ call: IncidentEscalation; incident: Incident; engagement: Engagement } | null> {
    const record = await this.tokens.usable(manager, token, lock);
    if (!record) return null;
    const call = lock
      ? await this.escalations.lock(manager, record.subjectId)
      : await manager.getRepository(IncidentEscalation).findOneBy({ id: record.subjectId });
    if (!call || call.status !== 'pending') return null;
    const incident = await manager.getRepository(Incident).findOneByOrFail({ id: call.incidentId });
    const engagement = await manager
      .getRepository(Engagement)
      .findOneByOrFail({ id: incident.engagementId });
    return { call, incident, engagement };
  }
}
