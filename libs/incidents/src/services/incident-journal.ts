import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Actor, Engagement } from '@app/identity';
import { EntityManager } from 'typeorm';
import type { IncidentEventType } from '../domain/incident-vocabulary';
import { Incident, IncidentEvent } from '../entities';
import { IncidentWebhooks } from '../webhooks/incident-webhooks.service';

/**
 * Writes one timeline event and its audit record together, in the caller's transaction: every
 * change to an incident is both something the parties read and something the audit proves; the
 * chat and ticketing webhooks hear of it through the outbox, in the same transaction.
 */
@Injectable()
export class IncidentJournal {
  constructor(
    private readonly audit: AuditService,
    private readonly webhooks: IncidentWebhooks,
  ) {}

  async record(
    manager: EntityManager,
    actor: Actor,
    engagement: Pick<Engagement, 'id' | 'customerOrganisationId'>,
    incident: Pick<Incident, 'id'>,
    type: IncidentEventType,
    at: Date,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    const events = manager.getRepository(IncidentEvent);
    const event = await events.save(
      events.create({ incidentId: incident.id, type, actorUserId: actor.userId, at, details }),
    );
    await this.webhooks.enqueue(manager, engagement.id, event);
    await this.audit.record(manager, actor, {
      action: `incident.${type}`,
      subjectType: 'incident',
      subjectId: incident.id,
      organisationId: engagement.customerOrganisationId,
      engagementId: engagement.id,
      changes: { at: at.toISOString(), ...details },
    });
  }
}
