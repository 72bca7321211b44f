import { Injectable } from '@nestjs/common';
import { AssetType, ResponseAction } from '@app/agreements';
import { AuditService } from '@app/audit';
import {
  AccessScope,
  Actor,
  Engagement,
  StepUpMethod,
  StepUpProof,
  StepUpService,
} from '@app/identity';
import { OutboxService } from '@app/notify';
import { Clock, NotFoundException, TransactionRunner } from '@app/platform';
import { realRunAt } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { neverTouchHit } from '../domain/incident-rules';
import { DecidedVia } from '../domain/incident-vocabulary';
import { Incident, IncidentAction } from '../entities';
import { ActionRecipients } from './action-recipients';
import { ActionTokens } from './action-tokens';
import { IncidentAccess } from './incident-access';
import { IncidentContext } from './incident-context';
import { IncidentJournal } from './incident-journal';
import { actionView, IncidentActionView } from './incident-view';
import { IncidentsError } from '../incidents-errors';

export interface RequestActionInput {
  action: ResponseAction;
  target: string;
  targetType?: AssetType;
  reason?: string;
}

const MINUTE_MS = 60_000;

/**
 * Response actions under the agreement's authorisation modes: `authorize` (authorised in advance)
 * is executed at once and the customer's security leads are told; `collaborate` waits for their
 * approval up to the timeout, when the fallback applies; `notify` lets the provider only recommend
 * (recorded and mailed, never executed). Never-touch assets are refused outright.
 */
@Injectable()
export class ResponseActionsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: IncidentAccess,
    private readonly context: IncidentContext,
    private readonly journal: IncidentJournal,
    private readonly outbox: OutboxService,
    private readonly recipients: ActionRecipients,
    private readonly tokens: ActionTokens,
    private readonly stepUp: StepUpService,
  ) {}

  async request(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
    input: RequestActionInput,
  ): Promise<IncidentActionView> {
    const outcome = await this.tx.run(async (manager) => {
      const engagement = await this.access.responder(scope, engagementId, manager);
      const incident = await this.access.incident(manager, engagementId, incidentId, true);
      if (incident.status === 'resolved' || incident.status === 'closed') {
        throw new IncidentsError(
          'INCIDENT_NOT_ACTIVE',
          `The incident is ${incident.status}: no more response actions`,
        );
      }
      const agreement = await this.context.agreement(manager, engagement.id);
      const hit = neverTouchHit(agreement.content.neverTouch, {
        type: input.targetType,
        name: input.target,
      });
      if (hit) {
        // Nothing is stored but the audit of the refusal, which commits although the request fails.
        await this.audit.record(manager, scope.actor, {
          action: 'incident.action_refused',
          subjectType: 'incident',
          subjectId: incident.id,
          organisationId: engagement.customerOrganisationId,
          engagementId: engagement.id,
          changes: { action: input.action, target: input.target, neverTouch: hit },
        });
        return { refused: hit, action: null };
      }
      const authorisation = agreement.content.responseAuthorisation[input.action];
      const now = this.clock.now();
      const waits = authorisation.mode === 'collaborate';
      const recommendsOnly = authorisation.mode === 'notify';
      const action = manager.getRepository(IncidentAction).create({
        incidentId: incident.id,
        action: input.action,
        target: input.target.trim(),
        mode: authorisation.mode,
        status: waits ? 'awaiting_customer' : recommendsOnly ? 'recommended' : 'executed',
        reason: input.reason ?? null,
        requestedBy: scope.userId,
        requestedAt: now,
        timeoutAt:
          authorisation.mode === 'collaborate'
            ? new Date(now.getTime() + (authorisation.timeoutMinutes ?? 0) * MINUTE_MS)
            : null,
        fallback: authorisation.fallback ?? null,
        decidedBy: null,
        decidedAt: null,
        decidedVia: null,
        executedAt: waits || recommendsOnly ? null : now,
      });
      await manager.getRepository(IncidentAction).save(action);
      const details = {
        actionId: action.id,
        action: action.action,
        target: action.target,
        mode: action.mode,
      };
      if (!waits) {
        await this.journal.record(
          manager,
          scope.actor,
          engagement,
          incident,
          recommendsOnly ? 'action_recommended' : 'action_executed',
          now,
          details,
        );
        await this.tellCustomer(manager, engagement, action, 'incident-action-executed-email');
      } else {
        await this.journal.record(
          manager,
          scope.actor,
          engagement,
          incident,
          'action_requested',
          now,
          {
            ...details,
            timeoutAt: action.timeoutAt?.toISOString() ?? null,
            fallback: action.fallback,
          },
        );
        await this.tellCustomer(manager, engagement, action, 'incident-action-approval-email');
        if (action.timeoutAt) {
          await this.outbox.add(
            manager,
            'incident-action-timeout',
            { actionId: action.id },
            {
              runAt: realRunAt(action.timeoutAt, now),
              dedupeKey: `incident-action-timeout:${action.id}`,
            },
          );
        }
      }
      return { action, refused: null };
    });
    if ('refused' in outcome && outcome.refused) {
      const { type, name, reason } = outcome.refused;
      throw new IncidentsError(
        'NEVER_TOUCH_TARGET',
        `${name} is a never-touch ${type} in the agreement${reason ? `: ${reason}` : ''}; no response action may be taken on it`,
        [{ field: 'target', reason: `never-touch ${type} ${name}${reason ? ` (${reason})` : ''}` }],
      );
    }
    if (!outcome.action) throw new Error('unreachable: neither refused nor stored');
    return actionView(outcome.action);
  }

  /**
   * The customer's security lead decides in the portal or through the API, re-authenticated with
   * their strongest factor (StepUpService) once the action is known to be theirs to decide and
   * still waiting; the factor used is in the decision's audit record.
   */
  async decide(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
    actionId: string,
    approve: boolean,
    proof: StepUpProof,
  ): Promise<IncidentActionView> {
    await this.tx.run(async (manager) => {
      await this.access.approver(scope, engagementId, manager);
      const incident = await this.access.incident(manager, engagementId, incidentId);
      const found = await manager
        .getRepository(IncidentAction)
        .findOneBy({ id: actionId, incidentId: incident.id });
      if (!found) throw new NotFoundException('Response action');
      this.assertWaiting(found);
    });
    const reauthenticated = await this.stepUp.verify(scope, proof);
    const action = await this.tx.run(async (manager) => {
      const engagement = await this.access.approver(scope, engagementId, manager);
      const incident = await this.access.incident(manager, engagementId, incidentId);
      const found = await this.lockAction(manager, incident.id, actionId);
      if (!found) throw new NotFoundException('Response action');
      return this.settle(
        manager,
        scope.actor,
        engagement,
        incident,
        found,
        approve,
        'portal',
        reauthenticated,
      );
    });
    return actionView(action);
  }

  /** Records the decision once (a decided request answers 409) and ends every emailed link. */
  async settle(
    manager: EntityManager,
    actor: Actor,
    engagement: Engagement,
    incident: Incident,
    action: IncidentAction,
    approve: boolean,
    via: DecidedVia,
    reauthenticated: StepUpMethod | null = null,
  ): Promise<IncidentAction> {
    this.assertWaiting(action);
    const now = this.clock.now();
    const changes: Partial<IncidentAction> = {
      status: approve ? 'executed' : 'declined',
      decidedBy: actor.userId,
      decidedAt: now,
      decidedVia: via,
      executedAt: approve ? now : null,
    };
    await manager.getRepository(IncidentAction).update(action.id, changes);
    await this.tokens.revoke(manager, action.id);
    await this.journal.record(
      manager,
      actor,
      engagement,
      incident,
      approve ? 'action_approved' : 'action_declined',
      now,
      {
        actionId: action.id,
        action: action.action,
        target: action.target,
        via,
        ...(reauthenticated ? { reauthenticated } : {}),
      },
    );
    return Object.assign(action, changes);
  }

  private assertWaiting(action: IncidentAction): void {
    if (action.status !== 'awaiting_customer') {
      throw new IncidentsError(
        'ACTION_ALREADY_DECIDED',
        `The ${action.action} request was already decided (${action.status})`,
      );
    }
  }

  lockAction(
    manager: EntityManager,
    incidentId: string,
    actionId: string,
  ): Promise<IncidentAction | null> {
    return manager
      .getRepository(IncidentAction)
      .createQueryBuilder('a')
      .where('a.id = :actionId AND a.incident_id = :incidentId', { actionId, incidentId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async tellCustomer(
    manager: EntityManager,
    engagement: Engagement,
    action: IncidentAction,
    job: 'incident-action-executed-email' | 'incident-action-approval-email',
  ): Promise<void> {
    for (const lead of await this.recipients.securityLeads(
      manager,
      engagement.customerOrganisationId,
    )) {
      await this.outbox.add(
        manager,
        job,
        { actionId: action.id, userId: lead.id },
        { dedupeKey: `${job}:${action.id}:${action.status}:${lead.id}` },
      );
    }
  }
}
