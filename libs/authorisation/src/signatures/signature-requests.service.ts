import { Inject, Injectable } from '@nestjs/common';
import { PdfWriter } from '@app/platform/documents/pdf-writer';
import { PdfSealer } from '@app/proof/pdf-sealer.service';
import type { DocumentFile } from '@app/agreements/services/version-view';
import { AccessScope, can, Engagement, Membership, User } from '@app/identity';
import { OutboxService } from '@app/notify';
import {
  APP_CONFIG,
  AppConfig,
  Clock,
  ForbiddenException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { ExternalStepEvents, OnboardingAccess, OnboardingStep, realRunAt } from '@app/workflow';
import { partiesOf, SignatureAccess } from './signature-access';
import { SignatureDocuments } from './signature-documents';
import { SignatureRequest } from './signature-request.entity';
import { CreateSignatureRequestInput, documentToSign, signerOf } from './signature-request-input';
import { SignatureTrail } from './signature-trail';
import { requestView, SignatureRequestView, statusOf } from './signature-view';
import { reminderKey, requestMailKey, SIGNATURE_STEP_KEY } from './signature-vocabulary';
import { AuthorisationError } from '../authorisation-errors';

const DAY_MS = 24 * 3600 * 1000;

export type { CreateSignatureRequestInput } from './signature-request-input';

/**
 * The provider's side of signature requests: ask a named customer signer to sign the rendered
 * authorisation letter or an agreement version, list and revoke requests, and serve the
 * document and the certificate of completion. Every change is one transaction with its audit
 * record and its outbox mail.
 */
@Injectable()
export class SignatureRequestsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly onboardings: OnboardingAccess,
    private readonly access: SignatureAccess,
    private readonly trail: SignatureTrail,
    private readonly documents: SignatureDocuments,
    private readonly pdf: PdfWriter,
    private readonly sealer: PdfSealer,
    private readonly outbox: OutboxService,
    private readonly steps: ExternalStepEvents,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(
    scope: AccessScope,
    onboardingId: string,
    input: CreateSignatureRequestInput,
  ): Promise<SignatureRequestView> {
    return this.tx.run(async (manager) => {
      const { onboarding, engagement } = await this.onboardings.load(scope, manager, onboardingId, {
        lock: true,
      });
      this.assertRequester(scope, engagement);
      const { customer, provider } = await partiesOf(manager, engagement);
      const signer = await signerOf(manager, customer, input);
      const step = await manager
        .getRepository(OnboardingStep)
        .findOneBy({ onboardingId, key: SIGNATURE_STEP_KEY });
      if (!step)
        throw new AuthorisationError(
          'STEP_NOT_IN_TEMPLATE',
          `This onboarding has no ${SIGNATURE_STEP_KEY} step`,
        );
      if (step.state !== 'open' && step.state !== 'stale' && step.state !== 'rejected') {
        throw new AuthorisationError(
          'AUTHORISATION_STEP_NOT_OPEN',
          `The step ${SIGNATURE_STEP_KEY} is ${step.state}; a signature can be requested when it is open, stale or declined`,
        );
      }
      const now = this.clock.now();
      const pending = await manager
        .getRepository(SignatureRequest)
        .createQueryBuilder('r')
        .where(`r.onboarding_id = :onboardingId AND r.status = 'pending' AND r.expires_at > :now`, {
          onboardingId,
          now,
        })
        .getCount();
      if (pending > 0)
        throw new AuthorisationError(
          'SIGNATURE_ALREADY_PENDING',
          'A signature request is already pending; revoke it first',
        );
      const document = await documentToSign(
        manager,
        this.documents,
        engagement,
        customer,
        provider,
        input,
      );
      const repository = manager.getRepository(SignatureRequest);
      const request = await repository.save(
        repository.create({
          onboardingId: onboarding.id,
          engagementId: engagement.id,
          stepKey: SIGNATURE_STEP_KEY,
          documentKind: input.document,
          documentVersionId: document.versionId,
          documentTitle: document.title,
          documentHtml: document.html,
          documentSha256: document.sha256,
          language: customer.language,
          signerUserId: signer.userId,
          signerName: signer.name,
          signerEmail: signer.email,
          signerLanguage: signer.language,
          status: 'pending',
          requestedBy: scope.userId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + this.config.signatureRequestTtlDays * DAY_MS),
        }),
      );
      await this.trail.record(
        manager,
        request,
        { actor: scope.actor, name: null, email: scope.grant.email },
        {
          kind: 'requested',
          detail: `${signer.name} <${signer.email}>`,
          changes: {
            documentKind: request.documentKind,
            signerEmail: signer.email,
            expiresAt: request.expiresAt.toISOString(),
          },
        },
      );
      // After a declined request, a new one reopens the step (as a revised proposal does).
      if (step.state === 'rejected')
        await this.steps.proposed(
          manager,
          scope.actor,
          engagement.id,
          SIGNATURE_STEP_KEY,
          request.documentSha256,
        );
      await this.outbox.add(
        manager,
        'signature-request',
        { requestId: request.id },
        { dedupeKey: requestMailKey(request.id) },
      );
      const remindAt =
        request.expiresAt.getTime() - this.config.signatureReminderDaysBefore * DAY_MS;
      if (remindAt > now.getTime()) {
        // The queue waits in real time: the same distance from now as on the business clock.
        await this.outbox.add(
          manager,
          'signature-reminder',
          { requestId: request.id },
          {
            runAt: realRunAt(new Date(remindAt), now),
            dedupeKey: reminderKey(request.id),
          },
        );
      }
      return requestView(
        request,
        now,
        (await this.access.agreementVersions(manager, [request])).get(
          request.documentVersionId ?? '',
        ) ?? null,
      );
    });
  }

  async list(scope: AccessScope, onboardingId: string): Promise<SignatureRequestView[]> {
    const manager = this.tx.manager;
    await this.onboardings.load(scope, manager, onboardingId);
    const requests = await manager
      .getRepository(SignatureRequest)
      .find({ where: { onboardingId }, order: { createdAt: 'DESC' } });
    const versions = await this.access.agreementVersions(manager, requests);
    const now = this.clock.now();
    return requests.map((r) =>
      requestView(r, now, versions.get(r.documentVersionId ?? '') ?? null),
    );
  }

  async get(
    scope: AccessScope,
    onboardingId: string,
    requestId: string,
  ): Promise<SignatureRequestView> {
    const manager = this.tx.manager;
    const { request } = await this.access.load(scope, manager, onboardingId, requestId);
    const versions = await this.access.agreementVersions(manager, [request]);
    return requestView(
      request,
      this.clock.now(),
      versions.get(request.documentVersionId ?? '') ?? null,
      await this.trail.events(manager, request.id),
    );
  }

  async revoke(
    scope: AccessScope,
    onboardingId: string,
    requestId: string,
    reason: string,
  ): Promise<SignatureRequestView> {
    const trimmed = reason.trim();
    if (trimmed.length < 3)
      throw new ValidationException([{ field: 'reason', reason: 'must be at least 3 characters' }]);
    return this.tx.run(async (manager) => {
      const { engagement, request } = await this.access.load(
        scope,
        manager,
        onboardingId,
        requestId,
        true,
      );
      this.assertRequester(scope, engagement);
      const now = this.clock.now();
      if (statusOf(request, now) !== 'pending') {
        throw new AuthorisationError(
          'SIGNATURE_REQUEST_NOT_PENDING',
          `The request is ${statusOf(request, now)}; only a pending request can be revoked`,
        );
      }
      Object.assign(request, {
        status: 'revoked',
        revokedBy: scope.userId,
        revokedAt: now,
        revokeReason: trimmed,
      });
      const saved = await manager.getRepository(SignatureRequest).save(request);
      await this.trail.record(
        manager,
        saved,
        { actor: scope.actor, name: null, email: scope.grant.email },
        {
          kind: 'revoked',
          detail: trimmed,
          changes: { status: { from: 'pending', to: 'revoked' } },
        },
      );
      await this.outbox.withdraw(manager, reminderKey(saved.id));
      return requestView(saved, now, null);
    });
  }

  /** The document exactly as it is signed; a view by the signer is recorded in the trail. */
  async document(
    scope: AccessScope,
    onboardingId: string,
    requestId: string,
    format: 'html' | 'pdf',
  ): Promise<DocumentFile> {
    const request = await this.tx.run(async (manager) => {
      const found = await this.access.load(scope, manager, onboardingId, requestId, true);
      if (
        found.request.signerUserId === scope.userId &&
        statusOf(found.request, this.clock.now()) === 'pending'
      ) {
        await this.trail.record(
          manager,
          found.request,
          { actor: scope.actor, name: found.request.signerName, email: scope.grant.email },
          { kind: 'viewed' },
        );
      }
      return found.request;
    });
    const filename = `signature-${request.id}-document.${format}`;
    if (format === 'html')
      return {
        contentType: 'text/html; charset=utf-8',
        body: request.documentHtml,
        sha256: request.documentSha256,
        filename,
      };
    // A signed document's PDF carries the portal's seal (a PDF signature), so a reader shows it unaltered.
    const body =
      request.status === 'signed'
        ? await this.sealer.sealedPdf(
            request.documentHtml,
            request.language,
            `Signed by ${request.signerName} (SHA-256 ${request.documentSha256})`,
          )
        : await this.pdf.render(request.documentHtml, request.language);
    return { contentType: 'application/pdf', body, sha256: request.documentSha256, filename };
  }

  async certificate(
    scope: AccessScope,
    onboardingId: string,
    requestId: string,
    format: 'html' | 'pdf',
  ): Promise<DocumentFile> {
    const manager = this.tx.manager;
    const { engagement, request } = await this.access.load(scope, manager, onboardingId, requestId);
    const { customer, provider } = await partiesOf(manager, engagement);
    const html = this.documents.renderCertificate({
      language: request.language,
      requestId: request.id,
      documentTitle: request.documentTitle,
      documentSha256: request.documentSha256,
      customerName: customer.name,
      providerName: provider.name,
      signerName: request.signerName,
      signerEmail: request.signerEmail,
      status: statusOf(request, this.clock.now()),
      events: await this.trail.events(manager, request.id),
    });
    const filename = `signature-${request.id}-certificate.${format}`;
    const sha256 = request.documentSha256;
    if (format === 'html')
      return { contentType: 'text/html; charset=utf-8', body: html, sha256, filename };
    return {
      contentType: 'application/pdf',
      body: await this.sealer.sealedPdf(
        html,
        request.language,
        `Certificate of completion of signature request ${request.id}`,
      ),
      sha256,
      filename,
    };
  }

  /** The customer security leads who may be asked to sign (for the request form). */
  async signerCandidates(
    scope: AccessScope,
    onboardingId: string,
  ): Promise<Array<{ id: string; name: string; email: string }>> {
    const manager = this.tx.manager;
    const { engagement } = await this.onboardings.load(scope, manager, onboardingId);
    const users = await manager
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(Membership, 'm', 'm.user_id = u.id')
      .where(`m.organisation_id = :org AND m.role = 'customer_security_lead'`, {
        org: engagement.customerOrganisationId,
      })
      .orderBy('u.display_name')
      .getMany();
    return users.map((u) => ({ id: u.id, name: u.displayName, email: u.email }));
  }

  /** The provider's lead or analysts, or an account manager of the engagement. */
  mayRequest(scope: AccessScope, engagement: Engagement): boolean {
    return can(scope, 'signature.request', engagement);
  }

  private assertRequester(scope: AccessScope, engagement: Engagement): void {
    if (!this.mayRequest(scope, engagement)) {
      throw new ForbiddenException(
        "Only the provider's lead or analysts, or the account manager, request and revoke signatures",
      );
    }
  }
}
