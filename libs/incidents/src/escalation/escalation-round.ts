import { Inject, Injectable } from '@nestjs/common';
import { EscalationContact } from '@app/agreements';
import { Actor, Engagement, SYSTEM_ACTOR } from '@app/identity';
import { OutboxService } from '@app/notify';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { realRunAt } from '@app/workflow';
import { EntityManager, In } from 'typeorm';
import { nextEscalation } from '../domain/escalation-order';
import { Incident, IncidentEscalation } from '../entities';
import { EscalationTokens } from '../services/action-tokens';
import { IncidentContext } from '../services/incident-context';
import { IncidentJournal } from '../services/incident-journal';

/**
 * Calls the agreement's escalation contacts one after another: each call is a row, a mail (its
 * link issued when sent) and a delayed job at the acknowledgement deadline that moves on to the
 * next contact. All of it in the caller's transaction.
 */
@Injectable()
export class EscalationRound {
  constructor(
    private readonly context: IncidentContext,
    private readonly journal: IncidentJournal,
    private readonly outbox: OutboxService,
    private readonly tokens: EscalationTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new round from the first contact; calls still waiting from earlier rounds are superseded. */
  async begin(
    manager: EntityManager,
    actor: Actor,
    engagement: Engagement,
    incident: Incident,
    at: Date,
  ): Promise<void> {
    const repo = manager.getRepository(IncidentEscalation);
    const pending = await repo.findBy({ incidentId: incident.id, status: 'pending' });
    for (const call of pending) await this.tokens.revoke(manager, call.id);
    if (pending.length)
      await repo.update({ id: In(pending.map((p) => p.id)) }, { status: 'superseded' });
    const rows: { max: number | null }[] = await manager.query(
      `SELECT max(round) AS max FROM incident_escalation WHERE incident_id = $1`,
      [incident.id],
    );
    await this.callNext(manager, actor, engagement, incident, (rows[0]?.max ?? 0) + 1, at);
  }

  /** The next contact of the round (in order, in their hours), or the round's end on the timeline. */
  async callNext(
    manager: EntityManager,
    actor: Actor,
    engagement: Engagement,
    incident: Incident,
    round: number,
    at: Date,
  ): Promise<void> {
    const agreement = await this.context.agreement(manager, engagement.id);
    const contacts: EscalationContact[] = agreement.content.escalationContacts;
    const tried = await manager
      .getRepository(IncidentEscalation)
      .find({ where: { incidentId: incident.id, round }, select: { position: true } });
    const step = nextEscalation(
      contacts,
      at,
      new Set(tried.map((t) => t.position)),
      this.config.escalationAckMinutes,
    );
    if (!step) {
      await this.journal.record(
        manager,
        SYSTEM_ACTOR,
        engagement,
        incident,
        'escalation_exhausted',
        at,
        { round, contacts: contacts.length },
      );
      return;
    }
    const call = manager.getRepository(IncidentEscalation).create({
      incidentId: incident.id,
      round,
      position: step.index,
      contactName: step.contact.name,
      contactEmail: step.contact.email,
      language: agreement.content.communication.primaryLanguage,
      outOfHours: step.outOfHours,
      status: 'pending',
      notifiedAt: at,
      ackDueAt: step.ackDueAt,
      acknowledgedAt: null,
      acknowledgedBy: null,
      acknowledgedVia: null,
    });
    await manager.getRepository(IncidentEscalation).save(call);
    await this.journal.record(manager, actor, engagement, incident, 'escalation_notified', at, {
      escalationId: call.id,
      round,
      position: step.index,
      contact: step.contact.name,
      email: step.contact.email,
      outOfHours: step.outOfHours,
      ackDueAt: step.ackDueAt.toISOString(),
    });
    await this.outbox.add(
      manager,
      'incident-escalation-email',
      { escalationId: call.id },
      { dedupeKey: `incident-escalation-email:${call.id}` },
    );
    await this.outbox.add(
      manager,
      'incident-escalation-timeout',
      { escalationId: call.id },
      {
        runAt: realRunAt(step.ackDueAt, at),
        dedupeKey: `incident-escalation-timeout:${call.id}`,
      },
    );
  }
}
