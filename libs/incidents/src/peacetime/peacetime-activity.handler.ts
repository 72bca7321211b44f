import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Engagement, SYSTEM_ACTOR } from '@app/identity';
import { JobHandler, JobHandlerRegistry, PeacetimeActivityPayload } from '@app/notify';
import { Clock, TransactionRunner } from '@app/platform';
import { PeacetimeTask } from '../entities';
import { IncidentContext } from '../services/incident-context';
import { periodStart } from './peacetime-period';

/**
 * A scheduler's run: creates the task of the activity for the period it runs in, once. The
 * unique key (engagement, activity, period start) makes a second worker, a retry or a repeated
 * run insert nothing; only the insert that happened is audited.
 */
@Injectable()
export class PeacetimeActivityHandler implements JobHandler<'peacetime-activity'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly context: IncidentContext,
    private readonly audit: AuditService,
    registry: JobHandlerRegistry,
  ) {
    registry.register('peacetime-activity', this);
  }

  async handle(_jobId: string, payload: PeacetimeActivityPayload): Promise<void> {
    await this.tx.run(async (manager) => {
      const engagement = await manager
        .getRepository(Engagement)
        .findOneBy({ id: payload.engagementId });
      if (engagement?.status !== 'active') return;
      const runbook = await this.context.runbook(manager, engagement.id, 'peacetime_runbook');
      const step = runbook?.steps.find((s) => s.key === payload.stepKey);
      if (!step?.schedule) return;
      const agreement = await this.context.agreement(manager, engagement.id);
      const start = periodStart(
        step.schedule.frequency,
        this.clock.now(),
        agreement.content.serviceHours.timeZone,
      );
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(PeacetimeTask)
        .values({
          engagementId: engagement.id,
          stepKey: step.key,
          title: step.title,
          frequency: step.schedule.frequency,
          periodStart: start,
          ownerParty: step.owner.party,
          ownerRole: step.owner.role,
          timing: step.timing,
          status: 'open',
          completedAt: null,
          completedBy: null,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const rows = inserted.raw as { id: string }[];
      if (rows.length === 0) return;
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'peacetime.task_created',
        subjectType: 'peacetime_task',
        subjectId: rows[0].id,
        organisationId: engagement.customerOrganisationId,
        engagementId: engagement.id,
        changes: {
          stepKey: step.key,
          frequency: step.schedule.frequency,
          periodStart: start.toISOString(),
        },
      });
    });
  }
}
