import { Injectable } from '@nestjs/common';
import { AccessScope, Actor, can, Engagement } from '@app/identity';
import { Clock, ForbiddenException, NotFoundException, TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { Incident, IncidentEscalation } from '../entities';
import { EscalationTokens } from '../services/action-tokens';
import { IncidentAccess } from '../services/incident-access';
import { IncidentJournal } from '../services/incident-journal';
import { EscalationRound } from './escalation-round';
import { IncidentsError } from '../incidents-errors';

/** Escalating on demand, and acknowledging a call (signed in, or through the emailed link). */
@Injectable()
export class EscalationsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly access: IncidentAccess,
    private readonly journal: IncidentJournal,
    private readonly tokens: EscalationTokens,
    private readonly round: EscalationRound,
  ) {}

  /** Provider staff start a new round from the first contact (e.g. the severity rose). */
  async escalate(scope: AccessScope, engagementId: string, incidentId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const engagement = await this.access.responder(scope, engagementId, manager);
      const incident = await this.access.incident(manager, engagementId, incidentId, true);
      if (incident.status === 'resolved' || incident.status === 'closed') {
        throw new IncidentsError(
          'INCIDENT_NOT_ACTIVE',
          `The incident is ${incident.status}: nobody is escalated to any more`,
        );
      }
      await this.round.begin(manager, scope.actor, engagement, incident, this.clock.now());
    });
  }

  /** The customer's people acknowledge the call waiting on the incident, for their organisation. */
  async acknowledge(
    scope: AccessScope,
    engagementId: string,
    incidentId: string,
    escalationId: string,
  ): Promise<void> {
    await this.tx.run(async (manager) => {
      const engagement = await this.access.readable(scope, engagementId, manager);
      const incident = await this.access.incident(manager, engagementId, incidentId);
      const call = await this.lock(manager, escalationId, incident.id);
      if (!call) throw new NotFoundException('Escalation');
      if (!can(scope, 'incident.escalation.acknowledge', engagement))
        throw new ForbiddenException("Escalations are acknowledged by the customer's people");
      await this.settle(manager, scope.actor, engagement, incident, call, 'portal');
    });
  }

  /** Records the acknowledgement once (an answered or passed-over call is 409) and ends its links. */
  async settle(
    manager: EntityManager,
    actor: Actor,
    engagement: Engagement,
    incident: Incident,
    call: IncidentEscalation,
    via: 'link' | 'portal',
  ): Promise<void> {
    if (call.status !== 'pending')
      throw new IncidentsError(
        'ESCALATION_ALREADY_ANSWERED',
        `This escalation call is ${call.status.replace('_', ' ')}`,
      );
    const now = this.clock.now();
    await manager.getRepository(IncidentEscalation).update(call.id, {
      status: 'acknowledged',
      acknowledgedAt: now,
      acknowledgedBy: actor.userId,
      acknowledgedVia: via,
    });
    await this.tokens.revoke(manager, call.id);
    await this.journal.record(
      manager,
      actor,
      engagement,
      incident,
      'escalation_acknowledged',
      now,
      {
        escalationId: call.id,
        round: call.round,
        contact: call.contactName,
        via,
      },
    );
  }

  lock(
    manager: EntityManager,
    escalationId: string,
    incidentId?: string,
  ): Promise<IncidentEscalation | null> {
    const qb = manager
      .getRepository(IncidentEscalation)
      .createQueryBuilder('e')
      .where('e.id = :escalationId', { escalationId });
    if (incidentId) qb.andWhere('e.incident_id = :incidentId', { incidentId });
    return qb.setLock('pessimistic_write').getOne();
  }
}
