import { Inject, Injectable } from '@nestjs/common';
import { EngagementDocumentVersion } from '@app/agreements/entities';
import {
  AccessScope,
  Actor,
  Engagement,
  Language,
  OneTimeTokenService,
  ReaderZones,
  StepUpProof,
  StepUpService,
} from '@app/identity';
import { OutboxService } from '@app/notify';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  ForbiddenException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { ExternalStepEvents } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { partiesOf, SignatureAccess } from './signature-access';
import { SignatureRequest } from './signature-request.entity';
import { SignatureTrail, TrailActor } from './signature-trail';
import { requestView, SignatureRequestView, statusOf } from './signature-view';
import { reminderKey, SIGNING_LINK_PURPOSE, AuthMethod } from './signature-vocabulary';
import { hashSigningCode, judgeCode } from './signing-code';
import { AuthorisationError } from '../authorisation-errors';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** What the signer decides: sign with their typed full name, or decline with a reason. */
export type Decision = { kind: 'sign'; typedName: string } | { kind: 'decline'; reason: string };

export type LinkProblem = 'invalid' | 'code_wrong' | 'code_dead' | 'code_missing' | 'code_expired';
export type LinkOutcome =
  | { ok: true; request: SignatureRequestView }
  | { ok: false; problem: LinkProblem; remaining?: number };

/** A live link's request, for the signing page. */
export interface LinkView {
  request: SignatureRequestView;
  documentHtml: string;
  customerName: string;
  providerName: string;
  /** The signer's language and time zone: the page speaks them unless the reader chooses. */
  recipient: { language: Language; timeZone: string };
}

/** Checks the decision's own fields: 400 naming the field. */
function checkDecision(decision: Decision): Decision {
  if (decision.kind === 'sign') {
    const typedName = decision.typedName.trim().replace(/\s+/g, ' ');
    if (typedName.length < 2 || typedName.length > 200)
      throw new ValidationException([
        { field: 'typedName', reason: 'type your full name (2 to 200 characters)' },
      ]);
    return { kind: 'sign', typedName };
  }
  const reason = decision.reason.trim();
  if (reason.length < 3 || reason.length > 2000)
    throw new ValidationException([{ field: 'reason', reason: 'must be 3 to 2000 characters' }]);
  return { kind: 'decline', reason };
}

/**
 * The signer's side: a signed-in signer re-authenticates with their strongest factor (passkey,
 * authenticator app, else password: StepUpService); a signer following the
 * emailed one-time link confirms an emailed six-digit code. Then they sign with their typed
 * name (the step is approved with the document's SHA-256) or decline with a reason (the step is
 * rejected). Failed code entries are committed even though the signing does not happen.
 */
@Injectable()
export class SigningService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: SignatureAccess,
    private readonly trail: SignatureTrail,
    private readonly steps: ExternalStepEvents,
    private readonly stepUp: StepUpService,
    private readonly tokens: OneTimeTokenService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly zones: ReaderZones,
  ) {}

  /** Signed-in signer: sign (after re-authenticating with their strongest factor) or decline. */
  async decideAsUser(
    scope: AccessScope,
    onboardingId: string,
    requestId: string,
    input: Decision,
    proof: StepUpProof | null,
  ): Promise<SignatureRequestView> {
    const decision = checkDecision(input);
    const { request } = await this.access.load(scope, this.tx.manager, onboardingId, requestId);
    if (request.signerUserId !== scope.userId)
      throw new ForbiddenException('Only the named signer signs or declines this request');
    let method: AuthMethod | null = null;
    if (decision.kind === 'sign') {
      method = await this.stepUp.verify(scope, proof ?? {});
    }
    return this.tx.run(async (manager) => {
      const found = await this.access.load(scope, manager, onboardingId, requestId, true);
      this.assertPending(found.request);
      const who: TrailActor = {
        actor: scope.actor,
        name: found.request.signerName,
        email: scope.grant.email,
      };
      if (method)
        await this.trail.record(manager, found.request, who, {
          kind: 'authenticated',
          authMethod: method,
        });
      return this.finish(manager, found.request, who, decision, method);
    });
  }

  /** The live link's request (recording the view), or null: unknown, used, expired and decided links alike. */
  async openLink(token: string, meta: RequestMeta, recordView: boolean): Promise<LinkView | null> {
    return this.tx.run(async (manager) => {
      const request = await this.fromToken(manager, token);
      if (!request) return null;
      if (recordView)
        await this.trail.record(manager, request, this.linkActor(request, meta), {
          kind: 'viewed',
        });
      const { customer, provider } = await partiesOf(
        manager,
        await manager.getRepository(Engagement).findOneByOrFail({ id: request.engagementId }),
      );
      return {
        request: requestView(request, this.clock.now(), null),
        documentHtml: request.documentHtml,
        customerName: customer.name,
        providerName: provider.name,
        recipient: {
          language: request.signerLanguage,
          timeZone: await this.zones.ofEmail(request.signerEmail, customer.id, manager),
        },
      };
    });
  }

  /** Emails a fresh code (made when the mail is sent); false for a dead link. */
  async sendCode(token: string, meta: RequestMeta): Promise<boolean> {
    return this.tx.run(async (manager) => {
      const request = await this.fromToken(manager, token);
      if (!request) return false;
      await this.trail.record(manager, request, this.linkActor(request, meta), {
        kind: 'code_sent',
        detail: request.signerEmail,
      });
      await this.outbox.add(manager, 'signature-code', { requestId: request.id });
      return true;
    });
  }

  async decideWithLink(
    token: string,
    code: string,
    input: Decision,
    meta: RequestMeta,
  ): Promise<LinkOutcome> {
    const decision = checkDecision(input);
    return this.tx.run(async (manager): Promise<LinkOutcome> => {
      const request = await this.fromToken(manager, token);
      if (!request) return { ok: false, problem: 'invalid' };
      const who = this.linkActor(request, meta);
      const verdict = judgeCode(
        request,
        hashSigningCode(this.config.sessionSecret, request.id, code),
        this.clock.now(),
      );
      if (verdict.outcome === 'none') return { ok: false, problem: 'code_missing' };
      if (verdict.outcome === 'expired') return { ok: false, problem: 'code_expired' };
      if (verdict.outcome === 'wrong') {
        await manager.getRepository(SignatureRequest).update(
          { id: request.id },
          {
            codeAttempts: verdict.attempts,
            ...(verdict.dead ? { codeHash: null, codeExpiresAt: null } : {}),
          },
        );
        await this.trail.record(manager, request, who, {
          kind: 'code_failed',
          authMethod: 'email_code',
          detail: verdict.dead
            ? 'code used up; a new one must be requested'
            : `${verdict.remaining} attempts left`,
        });
        return {
          ok: false,
          problem: verdict.dead ? 'code_dead' : 'code_wrong',
          remaining: verdict.remaining,
        };
      }
      const record = await this.tokens.findUsable(manager, SIGNING_LINK_PURPOSE, token);
      if (!record || !(await this.tokens.consume(manager, record)))
        return { ok: false, problem: 'invalid' };
      Object.assign(request, { codeHash: null, codeExpiresAt: null });
      await this.trail.record(manager, request, who, {
        kind: 'authenticated',
        authMethod: 'email_code',
      });
      return {
        ok: true,
        request: await this.finish(manager, request, who, decision, 'email_code'),
      };
    });
  }

  // ---------------------------------------------------------------------------------------

  private async finish(
    manager: EntityManager,
    request: SignatureRequest,
    who: TrailActor,
    decision: Decision,
    method: AuthMethod | null,
  ): Promise<SignatureRequestView> {
    const now = this.clock.now();
    if (decision.kind === 'sign') {
      await this.assertDocumentCurrent(manager, request);
      Object.assign(request, {
        status: 'signed',
        typedName: decision.typedName,
        signedAt: now,
        decidedAt: now,
      });
    } else {
      Object.assign(request, {
        status: 'declined',
        declineReason: decision.reason,
        decidedAt: now,
      });
    }
    const saved = await manager.getRepository(SignatureRequest).save(request);
    await this.trail.record(manager, saved, who, {
      kind: decision.kind === 'sign' ? 'signed' : 'declined',
      authMethod: method,
      typedName: decision.kind === 'sign' ? decision.typedName : null,
      detail: decision.kind === 'decline' ? decision.reason : null,
      changes: { status: { from: 'pending', to: saved.status } },
    });
    await this.outbox.withdraw(manager, reminderKey(saved.id));
    if (decision.kind === 'sign') {
      await this.steps.approved(
        manager,
        who.actor,
        saved.engagementId,
        saved.stepKey,
        saved.documentSha256,
      );
    } else {
      await this.steps.rejected(
        manager,
        who.actor,
        saved.engagementId,
        saved.stepKey,
        `signature declined: ${decision.reason}`,
      );
    }
    return requestView(saved, now, null);
  }

  /** An agreement version superseded since the request was made can no longer be signed. */
  private async assertDocumentCurrent(
    manager: EntityManager,
    request: SignatureRequest,
  ): Promise<void> {
    if (!request.documentVersionId) return;
    const version = await manager
      .getRepository(EngagementDocumentVersion)
      .findOneBy({ id: request.documentVersionId });
    if (version?.status !== 'proposed' && version?.status !== 'approved') {
      throw new AuthorisationError(
        'AGREEMENT_VERSION_NOT_SIGNABLE',
        'The agreement version of this request has been superseded; a new request is needed',
      );
    }
  }

  private assertPending(request: SignatureRequest): void {
    const status = statusOf(request, this.clock.now());
    if (status !== 'pending')
      throw new AuthorisationError(
        'SIGNATURE_REQUEST_NOT_PENDING',
        `The request is ${status}; it can no longer be signed or declined`,
      );
  }

  /** The pending, unexpired request of a live link, locked; null for anything else. */
  private async fromToken(manager: EntityManager, token: string): Promise<SignatureRequest | null> {
    const record = await this.tokens.findUsable(manager, SIGNING_LINK_PURPOSE, token);
    if (!record) return null;
    const request = await manager
      .getRepository(SignatureRequest)
      .createQueryBuilder('r')
      .where('r.id = :id', { id: record.subjectId })
      .setLock('pessimistic_write')
      .getOne();
    if (!request || statusOf(request, this.clock.now()) !== 'pending') return null;
    return request;
  }

  private linkActor(request: SignatureRequest, meta: RequestMeta): TrailActor {
    const actor: Actor = {
      userId: request.signerUserId,
      organisationId: null,
      ip: meta.ip,
      userAgent: meta.userAgent,
    };
    return { actor, name: request.signerName, email: request.signerEmail };
  }
}
