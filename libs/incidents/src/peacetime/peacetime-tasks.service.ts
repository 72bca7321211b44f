import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { AccessScope, can } from '@app/identity';
import { Clock, ForbiddenException, NotFoundException, TransactionRunner } from '@app/platform';
import { PeacetimeTask } from '../entities';
import { IncidentAccess } from '../services/incident-access';
import { IncidentsError } from '../incidents-errors';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export function peacetimeTaskView(t: PeacetimeTask) {
  return {
    id: t.id,
    stepKey: t.stepKey,
    title: t.title,
    frequency: t.frequency,
    periodStart: iso(t.periodStart),
    owner: { party: t.ownerParty, role: t.ownerRole },
    timing: t.timing,
    status: t.status,
    completedAt: iso(t.completedAt),
    completedBy: t.completedBy,
  };
}

/** The peacetime runbook's scheduled tasks of a running service: read by both parties, completed by their owners. */
@Injectable()
export class PeacetimeTasksService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: IncidentAccess,
    private readonly audit: AuditService,
  ) {}

  async list(
    scope: AccessScope,
    engagementId: string,
  ): Promise<{ items: Record<string, unknown>[] }> {
    await this.access.readable(scope, engagementId);
    const tasks = await this.tx.manager
      .getRepository(PeacetimeTask)
      .find({ where: { engagementId }, order: { periodStart: 'DESC', stepKey: 'ASC' } });
    return { items: tasks.map(peacetimeTaskView) };
  }

  /** Provider staff complete any task; the customer's people the tasks the runbook gives the customer. */
  async complete(
    scope: AccessScope,
    engagementId: string,
    taskId: string,
  ): Promise<ReturnType<typeof peacetimeTaskView>> {
    return this.tx.run(async (manager) => {
      const engagement = await this.access.readable(scope, engagementId, manager);
      const task = await manager
        .getRepository(PeacetimeTask)
        .createQueryBuilder('t')
        .where('t.id = :taskId AND t.engagement_id = :engagementId', { taskId, engagementId })
        .setLock('pessimistic_write')
        .getOne();
      if (!task) throw new NotFoundException('Peacetime task');
      const allowed =
        can(scope, 'incident.respond', engagement) ||
        (task.ownerParty === 'customer' &&
          can(scope, 'incident.customer_task.complete', engagement));
      if (!allowed)
        throw new ForbiddenException('This task is for the provider staff of the engagement');
      if (task.status === 'done')
        throw new IncidentsError('TASK_ALREADY_CLOSED', `The task ${task.stepKey} is already done`);
      const now = this.clock.now();
      Object.assign(task, { status: 'done', completedAt: now, completedBy: scope.userId });
      await manager
        .getRepository(PeacetimeTask)
        .update(task.id, { status: 'done', completedAt: now, completedBy: scope.userId });
      await this.audit.record(manager, scope.actor, {
        action: 'peacetime.task_completed',
        subjectType: 'peacetime_task',
        subjectId: task.id,
        organisationId: engagement.customerOrganisationId,
        engagementId: engagement.id,
        changes: { stepKey: task.stepKey, periodStart: task.periodStart.toISOString() },
      });
      return peacetimeTaskView(task);
    });
  }
}
