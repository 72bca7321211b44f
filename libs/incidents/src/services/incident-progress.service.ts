import { Injectable } from '@nestjs/common';
import { AccessScope } from '@app/identity';
import { Clock, DomainException, ForbiddenException, NotFoundException, TransactionRunner } from '@app/platform';
import { canMoveTo, isLate } from '../domain/incident-rules';
import { IncidentStatus, SlaTimer } from '../domain/incident-vocabulary';
import { Incident, IncidentTask } from '../entities';
import { IncidentAccess } from './incident-access';
import { IncidentJournal } from './incident-journal';
import { SlaBreaches } from './sla-breaches';

/** Acknowledging, the first response, status changes and runbook tasks of an incident. */
@Injectable()
export class IncidentProgressService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: IncidentAccess,
    private readonly journal: IncidentJournal,
    private readonly breaches: SlaBreaches,
  ) {}

  acknowledge(scope: AccessScope, engagementId: string, incidentId: string): Promise<void> {
    return this.timer(scope, engagementId, incidentId, 'acknowledge');
  }

  respond(scope: AccessScope, engagementId: string, incidentId: string): Promise<void> {
    return this.timer(scope, engagementId, incidentId, 'respond');
  }

  async changeStatus(scope: AccessScope, engagementId: string, incidentId: string, to: IncidentStatus, note?: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const engagement = await this.access.responder(scope, engagementId, manager);
      const incident = await this.access.incident(manager, engagementId, incidentId, true);
      if (!canMoveTo(incident.status, to)) {
        throw new DomainException('CONFLICT', `An incident that is ${incident.status} cannot move to ${to}`);
      }
      const now = this.clock.now();
      const changes: Partial<Incident> = { status: to };
      if (to === 'resolved') changes.resolvedAt = now;
      if (to === 'closed') changes.closedAt = now;
      if (to === 'triaged' && incident.status === 'resolved') changes.resolvedAt = null;
      await manager.getRepository(Incident).update(incident.id, changes);
      await this.journal.record(manager, scope.actor, engagement, incident, 'status_changed', now, {
        status: { from: incident.status, to },
        ...(note ? { note } : {}),
      });
    });
  }

  /** Provider staff complete any task; the customer's people the tasks the runbook gives the customer. */
  async completeTask(scope: AccessScope, engagementId: string, incidentId: string, taskId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const engagement = await this.access.readable(scope, engagementId, manager);
      const incident = await this.access.incident(manager, engagementId, incidentId);
      const task = await manager
        .getRepository(IncidentTask)
        .createQueryBuilder('t')
        .where('t.id = :taskId AND t.incident_id = :incidentId', { taskId, incidentId })
        .setLock('pessimistic_write')
        .getOne();
      if (!task) throw new NotFoundException('Task');
      const allowed = this.access.isProviderStaff(scope, engagement) || (task.ownerParty === 'customer' && this.access.isCustomer(scope, engagement));
      if (!allowed) throw new ForbiddenException('This task is for the provider staff of the engagement');
      if (task.status === 'done') throw new DomainException('CONFLICT', `The task ${task.stepKey} is already done`);
      const now = this.clock.now();
      await manager.getRepository(IncidentTask).update(task.id, { status: 'done', completedAt: now, completedBy: scope.userId });
      await this.journal.record(manager, scope.actor, engagement, incident, 'task_completed', now, { stepKey: task.stepKey, taskId: task.id });
    });
  }

  /** Records the first acknowledgement or response, and the breach when it came after its deadline. */
  private async timer(scope: AccessScope, engagementId: string, incidentId: string, timer: SlaTimer): Promise<void> {
    await this.tx.run(async (manager) => {
      const engagement = await this.access.responder(scope, engagementId, manager);
      const incident = await this.access.incident(manager, engagementId, incidentId, true);
      const already = timer === 'acknowledge' ? incident.acknowledgedAt : incident.respondedAt;
      if (already) throw new DomainException('CONFLICT', `The incident was already ${timer}d at ${already.toISOString()}`);
      const now = this.clock.now();
      // A response is also an acknowledgement: the acknowledge timer stops with it.
      const changes: Partial<Incident> =
        timer === 'acknowledge'
          ? { acknowledgedAt: now, acknowledgedBy: scope.userId }
          : { respondedAt: now, respondedBy: scope.userId, ...(incident.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedBy: scope.userId }) };
      await manager.getRepository(Incident).update(incident.id, changes);
      await this.journal.record(manager, scope.actor, engagement, incident, timer === 'acknowledge' ? 'acknowledged' : 'responded', now);
      const stopped: SlaTimer[] = timer === 'respond' && !incident.acknowledgedAt ? ['acknowledge', 'respond'] : [timer];
      for (const t of stopped) {
        if (isLate(now, this.breaches.dueAt(incident, t))) await this.breaches.record(manager, engagement, incident, t, now, scope.actor);
      }
    });
  }
}
