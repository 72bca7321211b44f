import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Actor, OneTimeToken, ReaderZones } from '@app/identity';
import { Clock, TransactionRunner } from '@app/platform';
import { ExternalStepEvents } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { tokenProblem } from '../domain/confirmation-token';
import { InboundReply, matchReply, replyReferences } from '../domain/reply-matching';
import { ConfirmationChannel, DomainConfirmation } from '../entities/domain-confirmation.entity';
import { ConfirmationContextLoader, DOMAIN_PERMISSION_STEP } from './confirmation-context';
import { ConfirmationTokens } from './confirmation-tokens';

/** What the public page shows before the decision. */
export interface ConfirmationPage {
  recipient: string;
  language: string;
  customerName: string;
  providerName: string;
  edrProduct: string;
  edrTenant: string;
  domains: string[];
  statement: string;
  referenceCode: string;
  expiresAt: Date;
  /** The recipient's time zone (their own as a user, else their organisation's). */
  timeZone: string;
}

export type ConfirmationDecision = 'approve' | 'decline';
export type DecisionOutcome = 'confirmed' | 'declined' | 'invalid';

/**
 * The recipient's answer, by link or by reply. Looking at a link never changes anything (mail
 * scanners open links); deciding consumes the token, records the answer and moves the step, in
 * one transaction with its audit record. Unknown, used, expired and superseded tokens are one
 * and the same "invalid" to the caller.
 */
@Injectable()
export class ConfirmationDecisionsService {
  private readonly logger = new Logger(ConfirmationDecisionsService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly tokens: ConfirmationTokens,
    private readonly contexts: ConfirmationContextLoader,
    private readonly steps: ExternalStepEvents,
    private readonly clock: Clock,
    private readonly zones: ReaderZones,
  ) {}

  async page(token: string): Promise<ConfirmationPage | null> {
    const manager = this.tx.manager;
    const bound = await this.bound(manager, token, false);
    if (!bound) return null;
    const ctx = await this.contexts.loadBound(manager, bound.confirmation.onboardingId);
    return {
      recipient: bound.confirmation.recipient,
      language: bound.confirmation.language,
      customerName: ctx.customer.name,
      providerName: ctx.provider.name,
      edrProduct: ctx.engagement.edrProduct,
      edrTenant: ctx.engagement.edrTenant ?? '',
      domains: ctx.customer.emailDomains,
      statement: bound.confirmation.statement,
      referenceCode: bound.confirmation.referenceCode,
      expiresAt: bound.record.expiresAt,
      timeZone: await this.zones.ofEmail(bound.confirmation.recipient, ctx.customer.id, manager),
    };
  }

  async decide(
    token: string,
    decision: ConfirmationDecision,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<DecisionOutcome> {
    return this.tx.run(async (manager) => {
      const bound = await this.bound(manager, token, true);
      if (!bound) return 'invalid';
      await this.tokens.revoke(manager, [bound.confirmation.id]);
      const actor = await this.actorFor(manager, bound.confirmation, meta);
      return this.settle(
        manager,
        actor,
        bound.confirmation,
        decision === 'approve' ? 'link' : null,
      );
    });
  }

  /** Confirms the request a genuine reply answers; false (nothing changed) for any other mail. */
  async confirmByReply(reply: InboundReply): Promise<boolean> {
    const { messageIds, codes } = replyReferences(reply);
    if (messageIds.length === 0 && codes.length === 0) return false;
    return this.tx.run(async (manager) => {
      const qb = manager
        .getRepository(DomainConfirmation)
        .createQueryBuilder('c')
        .where('(lower(c.message_id) IN (:...ids) OR c.reference_code IN (:...codes))', {
          ids: messageIds.length ? messageIds : [''],
          codes: codes.length ? codes : [''],
        })
        .orderBy('c.created_at', 'DESC')
        .setLock('pessimistic_write');
      const match = matchReply(reply, await qb.getMany(), this.clock.now());
      if (!match) {
        this.logger.log('Inbound reply matched no waiting domain-permission request; ignored');
        return false;
      }
      const confirmation = await manager
        .getRepository(DomainConfirmation)
        .findOneByOrFail({ id: match.id });
      await this.tokens.revoke(manager, [confirmation.id]);
      const actor = await this.actorFor(manager, confirmation, {
        ip: null,
        userAgent: 'inbound-email',
      });
      await this.settle(manager, actor, confirmation, 'reply');
      return true;
    });
  }

  /** Records the answer (`via` null: declined) and moves the step, bound to the statement's hash. */
  private async settle(
    manager: EntityManager,
    actor: Actor,
    confirmation: DomainConfirmation,
    via: ConfirmationChannel | null,
  ): Promise<DecisionOutcome> {
    const status = via ? 'confirmed' : 'declined';
    await manager
      .getRepository(DomainConfirmation)
      .update(confirmation.id, { status, confirmedVia: via, decidedAt: this.clock.now() });
    await this.audit.record(manager, actor, {
      action: via ? 'domain_confirmation.confirmed' : 'domain_confirmation.declined',
      subjectType: 'domain_confirmation',
      subjectId: confirmation.id,
      organisationId: actor.organisationId,
      engagementId: confirmation.engagementId,
      changes: {
        recipient: confirmation.recipient,
        status: { from: 'sent', to: status },
        via,
        contentSha256: confirmation.contentSha256,
      },
    });
    if (via) {
      await this.steps.approved(
        manager,
        actor,
        confirmation.engagementId,
        DOMAIN_PERMISSION_STEP,
        confirmation.contentSha256,
      );
    } else {
      await this.steps.rejected(
        manager,
        actor,
        confirmation.engagementId,
        DOMAIN_PERMISSION_STEP,
        `${confirmation.recipient} declined the domain permission`,
      );
    }
    return status;
  }

  private async bound(
    manager: EntityManager,
    token: string,
    lock: boolean,
  ): Promise<{ record: OneTimeToken; confirmation: DomainConfirmation } | null> {
    const record = await this.tokens.find(manager, token, lock);
    if (!record) return null;
    const qb = manager
      .getRepository(DomainConfirmation)
      .createQueryBuilder('c')
      .where('c.id = :id', { id: record.subjectId });
    if (lock) qb.setLock('pessimistic_write');
    const confirmation = await qb.getOne();
    if (!confirmation || tokenProblem(record, confirmation, this.clock.now()) !== null) return null;
    return { record, confirmation };
  }

  /** The answer comes from the recipient's organisation; its user id when they have an account. */
  private async actorFor(
    manager: EntityManager,
    c: DomainConfirmation,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<Actor> {
    const rows: { user_id: string | null; customer_organisation_id: string }[] =
      await manager.query(
        `SELECT u.id AS user_id, e.customer_organisation_id FROM engagement e
       LEFT JOIN app_user u ON u.email = $2 AND u.organisation_id = e.customer_organisation_id
       WHERE e.id = $1`,
        [c.engagementId, c.recipient],
      );
    return {
      userId: rows[0]?.user_id ?? null,
      organisationId: rows[0]?.customer_organisation_id ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent,
    };
  }
}
