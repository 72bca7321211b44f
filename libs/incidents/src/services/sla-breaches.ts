import { Injectable } from '@nestjs/common';
import { Actor, Engagement, SYSTEM_ACTOR } from '@app/identity';
import { EntityManager } from 'typeorm';
import type { SlaTimer } from '../domain/incident-vocabulary';
import { Incident, IncidentSlaBreach } from '../entities';
import { IncidentJournal } from './incident-journal';

/** Records a missed SLA timer once, whether found by a late action or by the deadline job. */
@Injectable()
export class SlaBreaches {
  constructor(private readonly journal: IncidentJournal) {}

  dueAt(incident: Incident, timer: SlaTimer): Date {
    return timer === 'acknowledge' ? incident.acknowledgeDueAt : incident.respondDueAt;
  }

  /** True when this call recorded it; false when it was recorded already. */
  async record(
    manager: EntityManager,
    engagement: Engagement,
    incident: Incident,
    timer: SlaTimer,
    at: Date,
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<boolean> {
    const dueAt = this.dueAt(incident, timer);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(IncidentSlaBreach)
      .values({ incidentId: incident.id, timer, dueAt, detectedAt: at })
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return false;
    await this.journal.record(manager, actor, engagement, incident, 'sla_breached', at, {
      timer,
      dueAt: dueAt.toISOString(),
    });
    return true;
  }
}
