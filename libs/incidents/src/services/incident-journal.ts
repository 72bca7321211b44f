import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Actor, Engagement, Organisation } from '@app/identity';
import { ChannelAnnouncements } from '@app/notify';
import { EntityManager } from 'typeorm';
import type { IncidentEventType } from '../domain/incident-vocabulary';
import { Incident, IncidentEvent } from '../entities';
import { IncidentWebhooks } from '../webhooks/incident-webhooks.service';
import { INCIDENT_CHANNEL_EVENTS } from './incident-channel-events';

/**
 * Writes one timeline event and its audit record together, in the caller's transaction: every
 * change to an incident is both something the parties read and something the audit proves; the
 * chat and ticketing webhooks and the engagement's Slack and Teams channels hear of it through
 * the outbox, in the same transaction.
 */
@Injectable()
export class IncidentJournal {
  constructor(
    private readonly audit: AuditService,
    private readonly webhooks: IncidentWebhooks,
    private readonly channels: ChannelAnnouncements,
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
    await this.announce(manager, engagement, event);
    await this.audit.record(manager, actor, {
      action: `incident.${type}`,
      subjectType: 'incident',
      subjectId: incident.id,
      organisationId: engagement.customerOrganisationId,
      engagementId: engagement.id,
      changes: { at: at.toISOString(), ...details },
    });
  }

  private async announce(
    manager: EntityManager,
    engagement: Pick<Engagement, 'id' | 'customerOrganisationId'>,
    event: IncidentEvent,
  ): Promise<void> {
    const kind = INCIDENT_CHANNEL_EVENTS[event.type];
    if (kind === undefined) return;
    const channels = await this.channels.listening(manager, engagement.id, kind);
    if (channels.length === 0) return;
    const incident = await manager
      .getRepository(Incident)
      .findOneByOrFail({ id: event.incidentId });
    const customer = await manager
      .getRepository(Organisation)
      .findOneByOrFail({ id: engagement.customerOrganisationId });
    await this.channels.announce(
      manager,
      engagement.id,
      {
        event: kind,
        key: event.id,
        customerName: customer.name,
        title: { ja: incident.title, en: incident.title, zh: incident.title },
        path: `/engagements/${engagement.id}/incidents/${incident.id}`,
        severity: incident.severity,
        detail: event.type,
      },
      channels,
    );
  }
}
