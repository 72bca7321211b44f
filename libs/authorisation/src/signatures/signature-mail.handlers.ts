import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { Engagement, OneTimeTokenService, ReaderZones, SYSTEM_ACTOR } from '@app/identity';
import {
  JobHandler,
  JobHandlerRegistry,
  MAIL_KINDS,
  MailRenderer,
  NotificationLedger,
  PreferredDelivery,
  SignatureMailPayload,
  TemplatedMailer,
} from '@app/notify';
import { APP_CONFIG, AppConfig, Clock, formatMoment, TransactionRunner } from '@app/platform';
import { partiesOf } from './signature-access';
import { SignatureRequest } from './signature-request.entity';
import { statusOf } from './signature-view';
import { SIGNING_LINK_PURPOSE } from './signature-vocabulary';
import { CODE_TTL_MS, hashSigningCode, newSigningCode } from './signing-code';

/**
 * Sends a request's mail when its job runs: the signing link (a one-time token issued now, so
 * it is never stored in plain text), the reminder (another link, same request) and the emailed
 * code (made and hashed now). A request no longer pending gets nothing. The request and the
 * code are mandatory (a legally relevant request, a sign-in code); the reminder to a signer with
 * a portal account is a reminder, as they prefer (its digest line links to the request's page,
 * and no link token is issued for a reminder that is not mailed). A signer without an account
 * has no preferences: they get every mail.
 */
@Injectable()
export class SignatureMailHandlers {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tokens: OneTimeTokenService,
    private readonly mail: TemplatedMailer,
    private readonly ledger: NotificationLedger,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly zones: ReaderZones,
    private readonly renderer: MailRenderer,
    private readonly delivery: PreferredDelivery,
    registry: JobHandlerRegistry,
  ) {
    const handler = (
      name: 'signature-request' | 'signature-reminder' | 'signature-code',
    ): JobHandler<typeof name> => ({
      handle: (outboxId: string, payload: SignatureMailPayload) =>
        this.handle(name, outboxId, payload),
    });
    registry.register('signature-request', handler('signature-request'));
    registry.register('signature-reminder', handler('signature-reminder'));
    registry.register('signature-code', handler('signature-code'));
  }

  private async handle(
    name: 'signature-request' | 'signature-reminder' | 'signature-code',
    outboxId: string,
    payload: SignatureMailPayload,
  ): Promise<void> {
    const request = await this.tx.manager
      .getRepository(SignatureRequest)
      .findOneBy({ id: payload.requestId });
    if (!request || statusOf(request, this.clock.now()) !== 'pending') return;
    const send =
      name === 'signature-code'
        ? () => this.sendCode(outboxId, request)
        : () => this.sendLink(name, outboxId, request);
    // A reminder must never be doubled; the request and the code must arrive.
    if (name === 'signature-reminder') await this.ledger.atMostOnce(outboxId, name, send);
    else await this.ledger.once(outboxId, name, send);
  }

  private async sendLink(
    name: 'signature-request' | 'signature-reminder',
    outboxId: string,
    request: SignatureRequest,
  ): Promise<void> {
    const engagement = await this.tx.manager
      .getRepository(Engagement)
      .findOneByOrFail({ id: request.engagementId });
    const { customer, provider } = await partiesOf(this.tx.manager, engagement);
    const model = {
      signerName: request.signerName,
      customerName: customer.name,
      providerName: provider.name,
      documentTitle: request.documentTitle,
      documentSha256: request.documentSha256,
      // When the link stops working, in the signer's own time zone (or their organisation's).
      expiresOn: formatMoment(
        request.expiresAt,
        {
          language: request.signerLanguage,
          timeZone: await this.zones.ofEmail(request.signerEmail, customer.id),
        },
        'long',
      ),
      portalLink: request.signerUserId
        ? `${this.config.publicUrl}/onboardings/${request.onboardingId}/signatures/${request.id}`
        : null,
    };
    const send = async (): Promise<void> => {
      const link = `${this.config.publicUrl}/sign/${await this.signingToken(request)}`;
      await this.mail.send(
        request.signerEmail,
        name,
        request.signerLanguage,
        { ...model, link },
        outboxId,
      );
    };
    if (name !== 'signature-reminder' || !request.signerUserId || !model.portalLink) return send();
    const held = this.renderer.render(name, request.signerLanguage, {
      ...model,
      link: model.portalLink,
    });
    await this.delivery.deliver(
      {
        notificationId: outboxId,
        userId: request.signerUserId,
        kind: MAIL_KINDS['signature-reminder'],
        subject: held.subject,
        link: model.portalLink,
      },
      send,
    );
  }

  /** A one-time signing link's token, issued when its mail is sent; it lives as long as the request. */
  private signingToken(request: SignatureRequest): Promise<string> {
    return this.tx.run(async (manager) => {
      const issued = await this.tokens.issue(manager, {
        purpose: SIGNING_LINK_PURPOSE,
        subjectType: 'signature_request',
        subjectId: request.id,
        recipient: request.signerEmail,
        ttlSeconds: Math.max(
          1,
          Math.floor((request.expiresAt.getTime() - this.clock.now().getTime()) / 1000),
        ),
      });
      return issued.token;
    });
  }

  private async sendCode(outboxId: string, request: SignatureRequest): Promise<void> {
    const code = newSigningCode();
    await this.tx.run(async (manager) => {
      // A new code replaces the previous one and its count of wrong entries.
      await manager.getRepository(SignatureRequest).update(
        { id: request.id, status: 'pending' },
        {
          codeHash: hashSigningCode(this.config.sessionSecret, request.id, code),
          codeExpiresAt: new Date(this.clock.now().getTime() + CODE_TTL_MS),
          codeAttempts: 0,
        },
      );
      await this.audit.record(manager, SYSTEM_ACTOR, {
        action: 'signature.code_issued',
        subjectType: 'signature_request',
        subjectId: request.id,
        engagementId: request.engagementId,
        changes: { recipient: request.signerEmail },
      });
    });
    await this.mail.send(
      request.signerEmail,
      'signature-code',
      request.signerLanguage,
      {
        signerName: request.signerName,
        documentTitle: request.documentTitle,
        code,
        minutes: CODE_TTL_MS / 60_000,
      },
      outboxId,
    );
  }
}
