import { Inject, Injectable } from '@nestjs/common';
import { labelsFor } from '@app/agreements/domain/labels';
import { Engagement, ReaderZones, SYSTEM_ACTOR } from '@app/identity';
import {
  IncidentEscalationPayload,
  JobHandler,
  JobHandlerRegistry,
  NotificationLedger,
  TemplatedMailer,
} from '@app/notify';
import { APP_CONFIG, AppConfig, Clock, TransactionRunner } from '@app/platform';
import { formatMoment } from '../jobs/format-moment';
import { Incident, IncidentEscalation } from '../entities';
import { EscalationTokens } from '../services/action-tokens';
import { IncidentJournal } from '../services/incident-journal';
import { EscalationRound } from './escalation-round';

/**
 * Mails one escalation contact in the service language. The link's token is issued when the mail
 * goes out and lasts until the acknowledgement deadline; a call already answered or passed over
 * sends nothing. The ledger keeps a redelivered job from mailing twice.
 */
@Injectable()
export class EscalationEmailHandler implements JobHandler<'incident-escalation-email'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly tokens: EscalationTokens,
    private readonly mail: TemplatedMailer,
    private readonly ledger: NotificationLedger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly zones: ReaderZones,
    registry: JobHandlerRegistry,
  ) {
    registry.register('incident-escalation-email', this);
  }

  async handle(outboxId: string, payload: IncidentEscalationPayload): Promise<void> {
    await this.ledger.once(outboxId, 'incident-escalation-email', async () => {
      const prepared = await this.tx.run(async (manager) => {
        const call = await manager
          .getRepository(IncidentEscalation)
          .findOneBy({ id: payload.escalationId });
        const ttlMs = call ? call.ackDueAt.getTime() - this.clock.now().getTime() : 0;
        if (!call || call.status !== 'pending' || ttlMs <= 0) return null;
        const incident = await manager
          .getRepository(Incident)
          .findOneByOrFail({ id: call.incidentId });
        const engagement = await manager
          .getRepository(Engagement)
          .findOneByOrFail({ id: incident.engagementId });
        const names: { name: string }[] = await manager.query(
          `SELECT name FROM organisation WHERE id = $1`,
          [engagement.customerOrganisationId],
        );
        const { token } = await this.tokens.issue(
          manager,
          call.id,
          call.contactEmail,
          Math.ceil(ttlMs / 1000),
        );
        const timeZone = await this.zones.ofEmail(
          call.contactEmail,
          engagement.customerOrganisationId,
          manager,
        );
        return {
          call,
          incident,
          customerName: names[0]?.name ?? '',
          link: `${this.config.publicUrl}/incident-escalations/${token}`,
          timeZone,
        };
      });
      if (!prepared) return;
      const { call, incident, customerName, link, timeZone } = prepared;
      await this.mail.send(
        call.contactEmail,
        'incident-escalation',
        call.language,
        {
          contactName: call.contactName,
          customerName,
          incidentTitle: incident.title,
          severity: labelsFor(call.language).severity[incident.severity],
          host: incident.host,
          link,
          ackBy: formatMoment(call.ackDueAt, call.language, timeZone),
          outOfHours: call.outOfHours,
        },
        outboxId,
      );
    });
  }
}

/**
 * Runs at a call's acknowledgement deadline: if nobody acknowledged, the call has timed out and
 * the next contact of the round is called, once (the locked row's status makes a rerun a no-op).
 * A resolved or closed incident stops escalating.
 */
@Injectable()
export class EscalationTimeoutHandler implements JobHandler<'incident-escalation-timeout'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly tokens: EscalationTokens,
    private readonly journal: IncidentJournal,
    private readonly round: EscalationRound,
    registry: JobHandlerRegistry,
  ) {
    registry.register('incident-escalation-timeout', this);
  }

  async handle(_outboxId: string, payload: IncidentEscalationPayload): Promise<void> {
    await this.tx.run(async (manager) => {
      const call = await manager
        .getRepository(IncidentEscalation)
        .createQueryBuilder('e')
        .where('e.id = :id', { id: payload.escalationId })
        .setLock('pessimistic_write')
        .getOne();
      if (!call || call.status !== 'pending') return;
      const now = this.clock.now();
      // Run early (clocks of two processes differ slightly): fail so the queue retries later.
      if (now.getTime() < call.ackDueAt.getTime())
        throw new Error(`Escalation ${call.id} is not due yet`);
      const incident = await manager
        .getRepository(Incident)
        .findOneByOrFail({ id: call.incidentId });
      const engagement = await manager
        .getRepository(Engagement)
        .findOneByOrFail({ id: incident.engagementId });
      await manager.getRepository(IncidentEscalation).update(call.id, { status: 'timed_out' });
      await this.tokens.revoke(manager, call.id);
      await this.journal.record(
        manager,
        SYSTEM_ACTOR,
        engagement,
        incident,
        'escalation_timed_out',
        now,
        {
          escalationId: call.id,
          round: call.round,
          contact: call.contactName,
        },
      );
      if (incident.status === 'resolved' || incident.status === 'closed') return;
      await this.round.callNext(manager, SYSTEM_ACTOR, engagement, incident, call.round, now);
    });
  }
}
