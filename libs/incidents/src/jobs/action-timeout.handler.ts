import { Injectable } from '@nestjs/common';
import { Engagement, SYSTEM_ACTOR } from '@app/identity';
import { IncidentActionTimeoutPayload, JobHandler, JobHandlerRegistry } from '@app/notify';
import { Clock, TransactionRunner } from '@app/platform';
import { Incident, IncidentAction } from '../entities';
import { ActionTokens } from '../services/action-tokens';
import { IncidentJournal } from '../services/incident-journal';
import { ResponseActionsService } from '../services/response-actions.service';

/**
 * Runs at a collaborate request's timeout: when the customer has not answered, the agreement's
 * fallback applies once. `act` executes the action (and tells the customer); `wait` keeps it
 * waiting, its emailed links ended.
 */
@Injectable()
export class ActionTimeoutHandler implements JobHandler<'incident-action-timeout'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly journal: IncidentJournal,
    private readonly tokens: ActionTokens,
    private readonly actions: ResponseActionsService,
    registry: JobHandlerRegistry,
  ) {
    registry.register('incident-action-timeout', this);
  }

  async handle(_outboxId: string, payload: IncidentActionTimeoutPayload): Promise<void> {
    await this.tx.run(async (manager) => {
      const action = await manager
        .getRepository(IncidentAction)
        .createQueryBuilder('a')
        .where('a.id = :id', { id: payload.actionId })
        .setLock('pessimistic_write')
        .getOne();
      if (!action || action.status !== 'awaiting_customer' || action.timeoutAt === null) return;
      const now = this.clock.now();
      if (now.getTime() < action.timeoutAt.getTime())
        throw new Error(`Response action ${action.id} has not timed out yet`);
      const incident = await manager
        .getRepository(Incident)
        .findOneByOrFail({ id: action.incidentId });
      const engagement = await manager
        .getRepository(Engagement)
        .findOneByOrFail({ id: incident.engagementId });
      await this.tokens.revoke(manager, action.id);
      const details = {
        actionId: action.id,
        action: action.action,
        target: action.target,
        fallback: action.fallback,
        timeoutAt: action.timeoutAt.toISOString(),
      };
      if (action.fallback !== 'act') {
        // Applied once: the waiting request keeps its status, and this event is written once.
        const seen = await manager.query(
          `SELECT 1 FROM incident_event WHERE incident_id = $1 AND type = 'action_expired' AND details ->> 'actionId' = $2`,
          [incident.id, action.id],
        );
        if ((seen as unknown[]).length === 0)
          await this.journal.record(
            manager,
            SYSTEM_ACTOR,
            engagement,
            incident,
            'action_expired',
            now,
            details,
          );
        return;
      }
      const changes: Partial<IncidentAction> = {
        status: 'executed_by_fallback',
        decidedAt: now,
        decidedVia: 'fallback',
        executedAt: now,
      };
      await manager.getRepository(IncidentAction).update(action.id, changes);
      await this.journal.record(
        manager,
        SYSTEM_ACTOR,
        engagement,
        incident,
        'action_fallback_executed',
        now,
        details,
      );
      await this.actions.tellCustomer(
        manager,
        engagement,
        Object.assign(action, changes),
        'incident-action-executed-email',
      );
    });
  }
}
