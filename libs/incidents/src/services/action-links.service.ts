import { Injectable } from '@nestjs/common';
import { labelsFor } from '@app/agreements/domain/labels';
import {
  Actor,
  Engagement,
  Language,
  OneTimeToken,
  ReaderZones,
  StepUpFactor,
  StepUpProof,
  StepUpService,
} from '@app/identity';
import { TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { Incident, IncidentAction } from '../entities';
import { ActionTokens } from './action-tokens';
import { ResponseActionsService } from './response-actions.service';

/** What the public page shows before the decision. */
export interface ActionLinkPage {
  recipient: string;
  language: Language;
  customerName: string;
  incidentTitle: string;
  severity: string;
  action: string;
  target: string;
  reason: string | null;
  expiresAt: Date;
  /** The recipient's time zone (their own, else the customer's). */
  timeZone: string;
  /**
   * What the recipient re-authenticates with before deciding: their strongest factor. A passkey
   * is asked for on the portal only, so the page then sends them to the incident page.
   */
  factor: StepUpFactor;
  /** The incident's portal page (where a passkey holder decides). */
  incidentPath: string;
}

export type ActionLinkOutcome = 'approved' | 'declined' | 'invalid';

/**
 * The approve/decline link in the mail. Looking never changes anything (mail scanners open
 * links); deciding consumes the link and records the decision with its audit record. Unknown,
 * used, expired and already-decided links are the same "invalid" to the caller.
 */
@Injectable()
export class ActionLinksService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tokens: ActionTokens,
    private readonly actions: ResponseActionsService,
    private readonly zones: ReaderZones,
    private readonly stepUp: StepUpService,
  ) {}

  async page(token: string): Promise<ActionLinkPage | null> {
    const bound = await this.bound(this.tx.manager, token, false);
    if (!bound) return null;
    const { record, action, incident, engagement } = bound;
    const names: { name: string }[] = await this.tx.manager.query(
      `SELECT name FROM organisation WHERE id = $1`,
      [engagement.customerOrganisationId],
    );
    const users: { id: string; language: Language }[] = await this.tx.manager.query(
      `SELECT id, language FROM app_user WHERE email = $1 AND organisation_id = $2`,
      [record.recipient, engagement.customerOrganisationId],
    );
    if (!users[0]) return null;
    const language = users[0].language;
    const labels = labelsFor(language);
    return {
      recipient: record.recipient,
      language,
      customerName: names[0]?.name ?? '',
      incidentTitle: incident.title,
      severity: labels.severity[incident.severity],
      action: labels.action[action.action],
      target: action.target,
      reason: action.reason,
      expiresAt: record.expiresAt,
      timeZone: await this.zones.ofEmail(
        record.recipient,
        engagement.customerOrganisationId,
        this.tx.manager,
      ),
      factor: await this.stepUp.strongest(users[0].id),
      incidentPath: `/engagements/${engagement.id}/incidents/${incident.id}`,
    };
  }

  /**
   * Decides with the link, after the recipient re-authenticated with their strongest factor
   * (the link alone is only the mailbox): a missing or wrong proof leaves the link usable.
   */
  async decide(
    token: string,
    approve: boolean,
    meta: { ip: string | null; userAgent: string | null },
    proof: StepUpProof,
  ): Promise<ActionLinkOutcome> {
    const peek = await this.bound(this.tx.manager, token, false);
    if (!peek) return 'invalid';
    const recipient = await this.recipient(this.tx.manager, peek.record, peek.engagement);
    if (!recipient) return 'invalid';
    const actor: Actor = {
      userId: recipient.id,
      organisationId: peek.engagement.customerOrganisationId,
      ...meta,
    };
    const reauthenticated = await this.stepUp.verifyPerson(
      { userId: recipient.id, email: recipient.email, organisationId: recipient.organisationId },
      actor,
      proof,
      'link',
    );
    return this.tx.run(async (manager) => {
      const bound = await this.bound(manager, token, true);
      if (!bound) return 'invalid';
      const { action, incident, engagement } = bound;
      await this.actions.settle(
        manager,
        actor,
        engagement,
        incident,
        action,
        approve,
        'link',
        reauthenticated,
      );
      return approve ? 'approved' : 'declined';
    });
  }

  /** The link's recipient: an active person of the customer (the link was sent to them). */
  private async recipient(
    manager: EntityManager,
    record: OneTimeToken,
    engagement: Engagement,
  ): Promise<{ id: string; email: string; organisationId: string } | null> {
    const users: { id: string; email: string; organisation_id: string }[] = await manager.query(
      `SELECT id, email, organisation_id FROM app_user WHERE email = $1 AND organisation_id = $2 AND disabled_at IS NULL`,
      [record.recipient, engagement.customerOrganisationId],
    );
    return users[0]
      ? { id: users[0].id, email: users[0].email, organisationId: users[0].organisation_id }
      : null;
  }

  private async bound(
    manager: EntityManager,
    token: string,
    lock: boolean,
  ): Promise<{
    record: OneTimeToken;
    action: IncidentAction;
    incident: Incident;
    engagement: Engagement;
  } | null> {
    const record = await this.tokens.usable(manager, token, lock);
    if (!record) return null;
    const qb = manager
      .getRepository(IncidentAction)
      .createQueryBuilder('a')
      .where('a.id = :id', { id: record.subjectId });
    if (lock) qb.setLock('pessimistic_write');
    const action = await qb.getOne();
    if (!action || action.status !== 'awaiting_customer') return null;
    const incident = await manager
      .getRepository(Incident)
      .findOneByOrFail({ id: action.incidentId });
    const engagement = await manager
      .getRepository(Engagement)
      .findOneByOrFail({ id: incident.engagementId });
    return { record, action, incident, engagement };
  }
}
