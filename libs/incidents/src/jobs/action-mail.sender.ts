import { Inject, Injectable } from '@nestjs/common';
import { labelsFor } from '@app/agreements/domain/labels';
import { Engagement, ReaderZones } from '@app/identity';
import {
  IncidentActionMailPayload,
  JobHandler,
  JobHandlerRegistry,
  JobName,
  MAILER,
  Mailer,
  MailRenderer,
  NOTIFICATION_ID_HEADER,
  NotificationLedger,
  PreferredDelivery,
} from '@app/notify';
import { APP_CONFIG, AppConfig, Clock, TransactionRunner } from '@app/platform';
import { UNTIMED_LINK_SECONDS } from '../domain/action-token';
import { Incident, IncidentAction } from '../entities';
import { ActionRecipient, ActionRecipients } from '../services/action-recipients';
import { ActionTokens } from '../services/action-tokens';
import { formatMoment } from './format-moment';

type ActionMailJob = Extract<
  JobName,
  'incident-action-approval-email' | 'incident-action-executed-email'
>;

/**
 * Mails a customer security lead about a response action, in their language. An approval
 * request's link token is issued here, when the mail goes out, so it never sits in the outbox or
 * the queue; it expires at the collaborate timeout (a day when the agreement sets none). The ledger
 * keeps a redelivered job from mailing twice. The notice of an executed or recommended action is
 * an incident update, sent as the recipient prefers (at once, in their digest, or not); the
 * approval request is mandatory and always sent at once.
 */
@Injectable()
export class ActionMailSender {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly tokens: ActionTokens,
    private readonly recipients: ActionRecipients,
    private readonly renderer: MailRenderer,
    private readonly ledger: NotificationLedger,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly zones: ReaderZones,
    private readonly delivery: PreferredDelivery,
  ) {}

  async send(
    job: ActionMailJob,
    outboxId: string,
    payload: IncidentActionMailPayload,
  ): Promise<void> {
    await this.ledger.once(outboxId, job, async () => {
      const prepared = await this.prepare(job, payload);
      if (!prepared) return;
      const { recipient, base, link, expiresAt, action, timeZone, page } = prepared;
      const mail =
        job === 'incident-action-approval-email' && link && expiresAt
          ? this.renderer.render('incident-action-approval', recipient.language, {
              ...base,
              link,
              expiresAt: formatMoment(expiresAt, recipient.language, timeZone),
              collaborate: action.mode === 'collaborate',
              fallbackAct: action.fallback === 'act',
            })
          : action.status === 'recommended'
            ? this.renderer.render('incident-action-recommended', recipient.language, base)
            : this.renderer.render('incident-action-executed', recipient.language, {
                ...base,
                byFallback: action.status === 'executed_by_fallback',
                executedAt: formatMoment(
                  action.executedAt ?? this.clock.now(),
                  recipient.language,
                  timeZone,
                ),
              });
      const kind =
        job === 'incident-action-approval-email' ? 'response_action_approval' : 'incident_update';
      await this.delivery.deliver(
        { notificationId: outboxId, userId: recipient.id, kind, subject: mail.subject, link: page },
        () =>
          this.mailer.send({
            to: recipient.email,
            subject: mail.subject,
            html: mail.html,
            text: mail.text,
            headers: { [NOTIFICATION_ID_HEADER]: outboxId },
          }),
      );
    });
  }

  /** Null when there is nothing to send (the request was decided, or timed out, before its mail). */
  private prepare(job: ActionMailJob, payload: IncidentActionMailPayload) {
    return this.tx.run(async (manager) => {
      const action = await manager
        .getRepository(IncidentAction)
        .findOneBy({ id: payload.actionId });
      const recipient: ActionRecipient | null = await this.recipients.byId(manager, payload.userId);
      if (!action || !recipient) return null;
      const incident = await manager
        .getRepository(Incident)
        .findOneByOrFail({ id: action.incidentId });
      const engagement = await manager
        .getRepository(Engagement)
        .findOneByOrFail({ id: incident.engagementId });
      const names: { name: string }[] = await manager.query(
        `SELECT name FROM organisation WHERE id = $1`,
        [engagement.customerOrganisationId],
      );
      const labels = labelsFor(recipient.language);
      const timeZone = await this.zones.ofUser(recipient.id, manager);
      const base = {
        displayName: recipient.displayName,
        customerName: names[0]?.name ?? '',
        incidentTitle: incident.title,
        severity: labels.severity[incident.severity],
        action: labels.action[action.action],
        target: action.target,
        reason: action.reason,
      };
      // The incident's page, for the digest's line.
      const page = `${this.config.publicUrl}/engagements/${engagement.id}/incidents/${incident.id}`;
      if (job === 'incident-action-executed-email')
        return { recipient, base, action, link: null, expiresAt: null, timeZone, page };
      if (action.status !== 'awaiting_customer') return null;
      const ttlMs = action.timeoutAt
        ? action.timeoutAt.getTime() - this.clock.now().getTime()
        : UNTIMED_LINK_SECONDS * 1000;
      if (ttlMs <= 0) return null;
      const { token, expiresAt } = await this.tokens.issue(
        manager,
        action.id,
        recipient.email,
        Math.ceil(ttlMs / 1000),
      );
      return {
        recipient,
        base,
        action,
        link: `${this.config.publicUrl}/incident-actions/${token}`,
        expiresAt,
        timeZone,
        page,
      };
    });
  }
}

@Injectable()
export class ActionApprovalEmailHandler implements JobHandler<'incident-action-approval-email'> {
  constructor(
    private readonly sender: ActionMailSender,
    registry: JobHandlerRegistry,
  ) {
    registry.register('incident-action-approval-email', this);
  }

  handle(outboxId: string, payload: IncidentActionMailPayload): Promise<void> {
    return this.sender.send('incident-action-approval-email', outboxId, payload);
  }
}

@Injectable()
export class ActionExecutedEmailHandler implements JobHandler<'incident-action-executed-email'> {
  constructor(
    private readonly sender: ActionMailSender,
    registry: JobHandlerRegistry,
  ) {
    registry.register('incident-action-executed-email', this);
  }

  handle(outboxId: string, payload: IncidentActionMailPayload): Promise<void> {
    return this.sender.send('incident-action-executed-email', outboxId, payload);
  }
}
