import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { AccessScope } from '@app/identity';
import { OutboxService } from '@app/notify';
import { Clock, NotFoundException, TransactionRunner, ValidationException } from '@app/platform';
import { ExternalStepEvents, StepEvidenceRegistry } from '@app/workflow';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { authorisationStatement, statementHash } from '../domain/authorisation-statement';
import { newReferenceCode } from '../domain/confirmation-token';
import { checkRecipients } from '../domain/recipients';
import { DomainConfirmation } from '../entities/domain-confirmation.entity';
import {
  ConfirmationContext,
  ConfirmationContextLoader,
  DOMAIN_PERMISSION_STEP,
  assertMayRequest,
  authorisationSubject,
} from './confirmation-context';
import { ConfirmationTokens } from './confirmation-tokens';
import { confirmationView, ConfirmationView } from './confirmation-view';
import { DnsCheckService, DnsSummary } from './dns-check.service';
import { AuthorisationError } from '../../authorisation-errors';

export interface ConfirmationList {
  onboardingId: string;
  stepState: string;
  items: ConfirmationView[];
  dns: DnsSummary;
}

/** Host part of our Message-IDs: the portal's own name, so replies are recognisably ours. */
function messageIdHost(publicUrl: string): string {
  return new URL(publicUrl).hostname || 'portal.invalid';
}

/**
 * Sending and resending the domain-permission email (provider lead, analyst, account manager),
 * and the per-recipient list. Each send is one transaction: the request rows, the older requests
 * to the same recipients superseded (their links revoked), the outbox messages and the audit.
 */
@Injectable()
export class DomainConfirmationService implements OnModuleInit {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly contexts: ConfirmationContextLoader,
    private readonly tokens: ConfirmationTokens,
    private readonly registry: StepEvidenceRegistry,
    private readonly steps: ExternalStepEvents,
    private readonly dns: DnsCheckService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.decideElsewhere(DOMAIN_PERMISSION_STEP, 'a domain-permission email');
  }

  async send(
    scope: AccessScope,
    onboardingId: string,
    recipients: string[],
    publicUrl: string,
  ): Promise<ConfirmationList> {
    await this.tx.run(async (manager) => {
      const ctx = await this.contexts.load(scope, manager, onboardingId, true);
      assertMayRequest(scope);
      const checked = checkRecipients(recipients, ctx.customer.emailDomains);
      if (checked.errors.length > 0) throw new ValidationException(checked.errors);
      await this.request(scope, manager, ctx, checked.recipients, publicUrl, null);
    });
    return this.list(scope, onboardingId);
  }

  async resend(
    scope: AccessScope,
    onboardingId: string,
    confirmationId: string,
    publicUrl: string,
  ): Promise<ConfirmationList> {
    await this.tx.run(async (manager) => {
      const ctx = await this.contexts.load(scope, manager, onboardingId, true);
      const earlier = await manager
        .getRepository(DomainConfirmation)
        .findOneBy({ id: confirmationId, onboardingId });
      if (!earlier) throw new NotFoundException('Domain confirmation');
      assertMayRequest(scope);
      if (earlier.status === 'superseded')
        throw new AuthorisationError(
          'CONFIRMATION_SUPERSEDED',
          'A newer request to this recipient exists; resend that one',
        );
      if (!checkRecipients([earlier.recipient], ctx.customer.emailDomains).recipients.length) {
        throw new AuthorisationError(
          'RECIPIENT_OUTSIDE_DOMAINS',
          `${earlier.recipient} is no longer in the customer's declared domains`,
        );
      }
      await this.request(scope, manager, ctx, [earlier.recipient], publicUrl, earlier.id);
    });
    return this.list(scope, onboardingId);
  }

  async list(scope: AccessScope, onboardingId: string): Promise<ConfirmationList> {
    return this.tx.run(async (manager) => {
      const ctx = await this.contexts.load(scope, manager, onboardingId);
      const rows = await manager
        .getRepository(DomainConfirmation)
        .find({ where: { onboardingId }, order: { createdAt: 'DESC' } });
      const now = this.clock.now();
      return {
        onboardingId,
        stepState: ctx.step.state,
        items: rows.map((row) => confirmationView(row, now)),
        dns: await this.dns.summary(manager, ctx),
      };
    });
  }

  private async request(
    scope: AccessScope,
    manager: EntityManager,
    ctx: ConfirmationContext,
    recipients: string[],
    publicUrl: string,
    replacesId: string | null,
  ): Promise<void> {
    const { step } = ctx;
    if (step.state === 'done')
      throw new AuthorisationError(
        'DOMAIN_ALREADY_CONFIRMED',
        'The domain permission is already confirmed',
      );
    if (step.state === 'blocked' || step.state === 'waived') {
      throw new AuthorisationError(
        'AUTHORISATION_STEP_NOT_OPEN',
        `The ${DOMAIN_PERMISSION_STEP} step is ${step.state}${step.state === 'blocked' ? `: waiting for ${step.dependsOn.join(', ')}` : ''}`,
      );
    }
    const language = ctx.customer.language;
    const statement = authorisationStatement(authorisationSubject(ctx), language);
    const hash = statementHash(statement);
    // A declined request is answered by asking again: the rejected step reopens.
    if (step.state === 'rejected')
      await this.steps.proposed(
        manager,
        scope.actor,
        ctx.engagement.id,
        DOMAIN_PERMISSION_STEP,
        hash,
      );
    // The DNS TXT value to publish is shown from the first request on.
    await this.dns.ensureSecret(manager, scope, ctx);
    const repo = manager.getRepository(DomainConfirmation);
    for (const recipient of recipients) {
      const waiting = await repo.findBy({
        onboardingId: ctx.onboarding.id,
        recipient,
        status: 'sent',
      });
      if (waiting.length > 0) {
        await repo.update(
          waiting.map((w) => w.id),
          { status: 'superseded', decidedAt: this.clock.now() },
        );
        await this.tokens.revoke(
          manager,
          waiting.map((w) => w.id),
        );
        for (const w of waiting) {
          await this.record(manager, scope, ctx, w.id, 'domain_confirmation.superseded', {
            recipient,
            status: { from: 'sent', to: 'superseded' },
          });
        }
      }
      const id = randomUUID();
      await repo.insert({
        id,
        engagementId: ctx.engagement.id,
        onboardingId: ctx.onboarding.id,
        stepId: step.id,
        recipient,
        language,
        statement,
        contentSha256: hash,
        messageId: `<domain-permission.${id}@${messageIdHost(publicUrl)}>`,
        referenceCode: newReferenceCode(),
        status: 'sent',
        confirmedVia: null,
        requestedBy: scope.userId,
        replacesId: replacesId ?? waiting[0]?.id ?? null,
      });
      await this.outbox.add(manager, 'domain-permission-email', { confirmationId: id });
      await this.record(manager, scope, ctx, id, 'domain_confirmation.requested', {
        recipient,
        language,
        contentSha256: hash,
        replaces: replacesId ?? waiting[0]?.id ?? null,
      });
    }
  }

  private async record(
    manager: EntityManager,
    scope: AccessScope,
    ctx: ConfirmationContext,
    id: string,
    action: string,
    changes: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(manager, scope.actor, {
      action,
      subjectType: 'domain_confirmation',
      subjectId: id,
      organisationId: ctx.customer.id,
      engagementId: ctx.engagement.id,
      changes,
    });
  }
}
