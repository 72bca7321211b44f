import { Injectable } from '@nestjs/common';
import { visibleEngagementIdsSql } from '@app/access';
import { SEVERITIES } from '@app/agreements';
import { Detection } from '@app/rollout/detections/detection.entity';
import { AccessScope, Engagement, Page, Paging } from '@app/identity';
import { OutboxService } from '@app/notify';
import { Clock, TransactionRunner, ValidationException } from '@app/platform';
import { realRunAt } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { slaDeadlines, stepsForSeverity, taskDueAt } from '../domain/incident-rules';
import { IncidentStatus, Severity, SLA_TIMERS } from '../domain/incident-vocabulary';
import {
  Incident,
  IncidentAction,
  IncidentEscalation,
  IncidentEvent,
  IncidentSlaBreach,
  IncidentTask,
} from '../entities';
import { EscalationRound } from '../escalation/escalation-round';
import { IncidentAccess } from './incident-access';
import { IncidentContext } from './incident-context';
import { IncidentJournal } from './incident-journal';
import {
  actionView,
  escalationView,
  eventView,
  IncidentDetail,
  incidentSummary,
  IncidentSummary,
  taskView,
} from './incident-view';

export interface OpenIncidentInput {
  title?: string;
  host?: string;
  severity?: Severity;
  detectionId?: string;
}

export interface IncidentFilters {
  status?: IncidentStatus;
  severity?: Severity;
}

/** Opening incidents (by provider staff or from a detection), and reading them. */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: IncidentAccess,
    private readonly context: IncidentContext,
    private readonly journal: IncidentJournal,
    private readonly outbox: OutboxService,
    private readonly escalation: EscalationRound,
  ) {}

  async open(
    scope: AccessScope,
    engagementId: string,
    input: OpenIncidentInput,
  ): Promise<IncidentDetail> {
    const id = await this.tx.run(async (manager) => {
      const engagement = await this.access.responder(scope, engagementId, manager);
      this.context.requireStarted(engagement);
      const agreement = await this.context.agreement(manager, engagement.id);
      const fields = await this.fields(manager, engagement, input);
      const now = this.clock.now();
      const deadlines = slaDeadlines(now, agreement.content.sla[fields.severity]);
      const incident = manager.getRepository(Incident).create({
        engagementId: engagement.id,
        ...fields,
        status: 'new',
        agreementVersion: agreement.version,
        openedBy: scope.userId,
        startedAt: now,
        ...deadlines,
        acknowledgedAt: null,
        acknowledgedBy: null,
        respondedAt: null,
        respondedBy: null,
        resolvedAt: null,
        closedAt: null,
      });
      await manager.getRepository(Incident).save(incident);
      await this.journal.record(manager, scope.actor, engagement, incident, 'opened', now, {
        title: incident.title,
        severity: incident.severity,
        host: incident.host,
        detectionId: incident.detectionId,
        acknowledgeDueAt: deadlines.acknowledgeDueAt.toISOString(),
        respondDueAt: deadlines.respondDueAt.toISOString(),
      });
      await this.createTasks(manager, scope, engagement, incident, deadlines);
      for (const timer of SLA_TIMERS) {
        const at = timer === 'acknowledge' ? deadlines.acknowledgeDueAt : deadlines.respondDueAt;
        await this.outbox.add(
          manager,
          'incident-sla-deadline',
          { incidentId: incident.id, timer },
          {
            runAt: realRunAt(at, now),
            dedupeKey: `incident-sla:${incident.id}:${timer}`,
          },
        );
      }
      await this.escalation.begin(manager, scope.actor, engagement, incident, now);
      return incident.id;
    });
    return this.get(scope, engagementId, id);
  }

  async list(
    scope: AccessScope,
    engagementId: string,
    filters: IncidentFilters,
    paging: Paging,
  ): Promise<Page<IncidentSummary>> {
    await this.access.readable(scope, engagementId);
    const qb = this.tx.manager
      .getRepository(Incident)
      .createQueryBuilder('i')
      .where('i.engagement_id = :engagementId', { engagementId });
    if (filters.status) qb.andWhere('i.status = :status', { status: filters.status });
    if (filters.severity) qb.andWhere('i.severity = :severity', { severity: filters.severity });
    const [items, total] = await qb
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'ASC')
      .take(paging.limit)
      .skip(paging.offset)
      .getManyAndCount();
    return {
      items: await this.summaries(items),
      total,
      ...paging,
    };
  }

  /**
   * The incidents not yet resolved in every engagement the scope sees, most severe first, then
   * the oldest: what the provider's home page puts before anything else.
   */
  async openAcrossEngagements(
    scope: AccessScope,
    limit: number,
  ): Promise<{ items: IncidentSummary[]; total: number }> {
    const visible = visibleEngagementIdsSql(scope);
    const severityOrder = `array_position(ARRAY[${SEVERITIES.map((s) => `'${s}'`).join(',')}]::text[], i.severity::text)`;
    const [items, total] = await this.tx.manager
      .getRepository(Incident)
      .createQueryBuilder('i')
      .where(`i.engagement_id IN (${visible.sql})`, visible.params)
      .andWhere("i.status NOT IN ('resolved', 'closed')")
      .orderBy(severityOrder, 'ASC')
      .addOrderBy('i.started_at', 'ASC')
      .addOrderBy('i.id', 'ASC')
      .take(limit)
      .getManyAndCount();
    return {
      items: await this.summaries(items),
      total,
    };
  }

  /** Incidents as the lists show them, each with its SLA breaches (one query for all). */
  private async summaries(items: Incident[]): Promise<IncidentSummary[]> {
    const breaches = items.length
      ? await this.tx.manager
          .getRepository(IncidentSlaBreach)
          .createQueryBuilder('b')
          .where('b.incident_id IN (:...ids)', { ids: items.map((i) => i.id) })
          .getMany()
      : [];
    return items.map((i) =>
      incidentSummary(
        i,
        breaches.filter((b) => b.incidentId === i.id),
      ),
    );
  }

  async get(scope: AccessScope, engagementId: string, incidentId: string): Promise<IncidentDetail> {
    const manager = this.tx.manager;
    await this.access.readable(scope, engagementId, manager);
    const incident = await this.access.incident(manager, engagementId, incidentId);
    const where = { incidentId };
    const [breaches, events, tasks, actions, escalations] = await Promise.all([
      manager.getRepository(IncidentSlaBreach).find({ where, order: { timer: 'ASC' } }),
      manager.getRepository(IncidentEvent).find({ where, order: { at: 'ASC', seq: 'ASC' } }),
      manager.getRepository(IncidentTask).find({ where, order: { dueAt: 'ASC', stepKey: 'ASC' } }),
      manager
        .getRepository(IncidentAction)
        .find({ where, order: { requestedAt: 'ASC', id: 'ASC' } }),
      manager
        .getRepository(IncidentEscalation)
        .find({ where, order: { round: 'ASC', notifiedAt: 'ASC' } }),
    ]);
    return {
      ...incidentSummary(incident, breaches),
      timeline: events.map(eventView),
      tasks: tasks.map(taskView),
      actions: actions.map(actionView),
      escalations: escalations.map(escalationView),
    };
  }

  /** Title, host and severity: copied from the detection, or as given. */
  private async fields(
    manager: EntityManager,
    engagement: Engagement,
    input: OpenIncidentInput,
  ): Promise<Pick<Incident, 'title' | 'host' | 'severity' | 'detectionId'>> {
    if (input.detectionId) {
      const detection = await manager
        .getRepository(Detection)
        .findOneBy({ id: input.detectionId, engagementId: engagement.id });
      if (!detection)
        throw new ValidationException([
          { field: 'detectionId', reason: 'is not a detection of this engagement' },
        ]);
      // The EDR's informational level has no SLA of its own: it is handled as low.
      const severity: Severity =
        detection.severity === 'informational' ? 'low' : detection.severity;
      return {
        title: detection.title,
        host: detection.hostname,
        severity,
        detectionId: detection.id,
      };
    }
    const errors = [];
    if (!input.title) errors.push({ field: 'title', reason: 'is required without a detectionId' });
    if (!input.severity)
      errors.push({ field: 'severity', reason: 'is required without a detectionId' });
    if (!input.title || !input.severity) throw new ValidationException(errors);
    return {
      title: input.title,
      host: input.host ?? null,
      severity: input.severity,
      detectionId: null,
    };
  }

  /** The approved incident runbook's steps for this severity, each a task with an owner and a due time. */
  private async createTasks(
    manager: EntityManager,
    scope: AccessScope,
    engagement: Engagement,
    incident: Incident,
    deadlines: ReturnType<typeof slaDeadlines>,
  ): Promise<void> {
    const runbook = await this.context.runbook(manager, engagement.id, 'incident_runbook');
    const steps = runbook ? stepsForSeverity(runbook.steps, incident.severity) : [];
    for (const step of steps) {
      const dueAt = taskDueAt(step.timing, incident.startedAt, deadlines);
      await manager.getRepository(IncidentTask).insert({
        incidentId: incident.id,
        stepKey: step.key,
        title: step.title,
        category: step.category,
        ownerParty: step.owner.party,
        ownerRole: step.owner.role,
        timing: step.timing,
        dueAt,
        status: 'open',
        completedAt: null,
        completedBy: null,
      });
      await this.journal.record(
        manager,
        scope.actor,
        engagement,
        incident,
        'task_created',
        incident.startedAt,
        {
          stepKey: step.key,
          owner: step.owner,
          dueAt: dueAt.toISOString(),
        },
      );
    }
  }
}
