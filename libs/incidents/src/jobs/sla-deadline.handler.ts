import { Injectable } from '@nestjs/common';
import { Engagement } from '@app/identity';
import { IncidentSlaDeadlinePayload, JobHandler, JobHandlerRegistry } from '@app/notify';
import { Clock, TransactionRunner } from '@app/platform';
import { Incident } from '../entities';
import { SlaBreaches } from '../services/sla-breaches';

/** Runs at an SLA deadline: if that timer is still running, records the breach (once). */
@Injectable()
export class SlaDeadlineHandler implements JobHandler<'incident-sla-deadline'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly breaches: SlaBreaches,
    registry: JobHandlerRegistry,
  ) {
    registry.register('incident-sla-deadline', this);
  }

  async handle(_outboxId: string, payload: IncidentSlaDeadlinePayload): Promise<void> {
    await this.tx.run(async (manager) => {
      const incident = await manager
        .getRepository(Incident)
        .createQueryBuilder('i')
        .where('i.id = :id', { id: payload.incidentId })
        .setLock('pessimistic_write')
        .getOne();
      if (!incident) return;
      const stoppedAt =
        payload.timer === 'acknowledge' ? incident.acknowledgedAt : incident.respondedAt;
      if (stoppedAt !== null) return;
      const now = this.clock.now();
      const dueAt = this.breaches.dueAt(incident, payload.timer);
      // Run early (clocks of two processes differ slightly): fail so the queue retries later.
      if (now.getTime() < dueAt.getTime())
        throw new Error(`SLA ${payload.timer} deadline of incident ${incident.id} not reached yet`);
      const engagement = await manager
        .getRepository(Engagement)
        .findOneByOrFail({ id: incident.engagementId });
      await this.breaches.record(manager, engagement, incident, payload.timer, now);
    });
  }
}
