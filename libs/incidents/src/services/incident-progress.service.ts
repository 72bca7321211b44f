import { Injectable } from '@nestjs/common';
import { AccessScope, can } from '@app/identity';
import {
  Clock,
  ForbiddenException,
  NotFoundException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { EntityManager } from 'typeorm';
import { canMoveTo, isLate } from '../domain/incident-rules';
import { IncidentStatus, SlaTimer } from '../domain/incident-vocabulary';
import { Incident, IncidentTask } from '../entities';
import { IncidentAccess } from './incident-access';
import { IncidentJournal } from './incident-journal';
import { SlaBreaches } from './sla-breaches';
import { IncidentsError } from '../incidents-errors';

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

  async changeStatus(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
    to: IncidentStatus,
    note?: string,
  ): Promise<void> {
    await this.tx.run(async (manager) => {
      const engagement = await this.access.responder(scope, engagementId, manager);
      const incident = await this.access.incident(manager, engagementId, incidentId, true);
      if (!canMoveTo(incident.status, to)) {
        throw new IncidentsError(
          'INCIDENT_TRANSITION_NOT_ALLOWED',
          `An incident that is ${incident.status} cannot move to ${to}`,
        );
      }
      if (to === 'closed') await this.refuseOpenTasks(manager, incident);
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
  completeTask(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
    taskId: string,
    note?: string,
  ): Promise<void> {
    return this.settleTask(scope, engagementId, incidentId, taskId, 'done', note?.trim() || null);
  }

  /** Whoever may complete a task may say it does not apply to this incident, and why. */
  markTaskNotApplicable(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
    taskId: string,
    reason: string,
  ): Promise<void> {
    const why = reason.trim();
    if (why.length < 3)
      throw new ValidationException([
        { field: 'reason', reason: 'must say why the task does not apply (at least 3 characters)' },
      ]);
    return this.settleTask(scope, engagementId, incidentId, taskId, 'not_applicable', why);
  }

  private async settleTask(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
    taskId: string,
    to: 'done' | 'not_applicable',
    note: string | null,
  ): Promise<void> {
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
      const allowed =
        can(scope, 'incident.respond', engagement) ||
        (task.ownerParty === 'customer' &&
          can(scope, 'incident.customer_task.complete', engagement));
      if (!allowed)
        throw new ForbiddenException('This task is for the provider staff of the engagement');
      if (task.status !== 'open')
        throw new IncidentsError(
          'TASK_ALREADY_CLOSED',
          `The task ${task.stepKey} is already ${task.status === 'done' ? 'done' : 'marked not applicable'}`,
        );
      if (incident.status === 'closed')
        throw new IncidentsError('INCIDENT_NOT_ACTIVE', 'The incident is closed');
      const now = this.clock.now();
      await manager
        .getRepository(IncidentTask)
        .update(task.id, { status: to, completedAt: now, completedBy: scope.userId, note });
      await this.journal.record(
        manager,
        scope.actor,
        engagement,
        incident,
        to === 'done' ? 'task_completed' : 'task_not_applicable',
        now,
        {
          stepKey: task.stepKey,
          taskId: task.id,
          ...(note ? { [to === 'done' ? 'note' : 'reason']: note } : {}),
        },
      );
    });
  }

  /** An incident closes only when every runbook task is done or marked not applicable. */
  private async refuseOpenTasks(manager: EntityManager, incident: Incident): Promise<void> {
    const open = await manager.getRepository(IncidentTask).find({
      where: { incidentId: incident.id, status: 'open' },
      order: { dueAt: 'ASC', stepKey: 'ASC' },
    });
    if (open.length === 0) return;
    throw new IncidentsError(
      'INCIDENT_TASKS_OPEN',
      `The incident cannot close while ${open.length} runbook task(s) are open: ${open.map((t) => t.title).join('; ')}. Complete each, or mark it not applicable with a reason.`,
      {
        openTasks: open.map((t) => ({
          taskId: t.id,
          stepKey: t.stepKey,
          title: t.title,
          owner: { party: t.ownerParty, role: t.ownerRole },
        })),
      },
    );
  }

  /** Records the first acknowledgement or response, and the breach when it came after its deadline. */
  private async timer(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
    timer: SlaTimer,
  ): Promise<void> {
    await this.tx.run(async (manager) => {
      const engagement = await this.access.responder(scope, engagementId, manager);
      const incident = await this.access.incident(manager, engagementId, incidentId, true);
      const already = timer === 'acknowledge' ? incident.acknowledgedAt : incident.respondedAt;
      if (already)
        throw new IncidentsError(
          'TIMER_ALREADY_STOPPED',
          `The incident was already ${timer}d at ${already.toISOString()}`,
        );
      const now = this.clock.now();
      // A response is also an acknowledgement: the acknowledge timer stops with it.
      const changes: Partial<Incident> =
        timer === 'acknowledge'
          ? { acknowledgedAt: now, acknowledgedBy: scope.userId }
          : {
              respondedAt: now,
              respondedBy: scope.userId,
              ...(incident.acknowledgedAt
                ? {}
                : { acknowledgedAt: now, acknowledgedBy: scope.userId }),
            };
      await manager.getRepository(Incident).update(incident.id, changes);
      await this.journal.record(
        manager,
        scope.actor,
        engagement,
        incident,
        timer === 'acknowledge' ? 'acknowledged' : 'responded',
        now,
      );
      const stopped: SlaTimer[] =
        timer === 'respond' && !incident.acknowledgedAt ? ['acknowledge', 'respond'] : [timer];
      for (const t of stopped) {
        if (isLate(now, this.breaches.dueAt(incident, t)))
          await this.breaches.record(manager, engagement, incident, t, now, scope.actor);
      }
    });
  }
}
