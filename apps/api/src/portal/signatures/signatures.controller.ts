import { can, StepUpService } from '@app/identity';
import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { SignatureRequestsService, SignatureRequestView, SigningService } from '@app/authorisation';
import { OnboardingViewService } from '@app/workflow';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendDocument } from '../../agreements/document-params';
import { RevokeForm, SignatureRequestForm, SigningForm } from './signature.forms';
import { formatDate } from '../rendering/format-date';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { documentBody, requestRefusal, signingRefusal } from './signing-page';
import { PortalController } from '../kit/portal-controller.decorator';
import { FormOutcome, submitForm } from '../kit/submit-form';

/**
 * The signature requests of an onboarding: the provider or account manager requests and
 * revokes them, the named signer opens one, re-enters their password and signs or declines,
 * and everyone who sees the onboarding sees each request's state and its certificate.
 */
@PortalController()
export class SignaturePagesController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly requests: SignatureRequestsService,
    private readonly signing: SigningService,
    private readonly onboardings: OnboardingViewService,
    private readonly renderer: PortalRenderer,
    private readonly stepUp: StepUpService,
  ) {}

  @Get('onboardings/:id/signatures')
  async list(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.showList(request, reply, await this.viewers.require(request), id, null, 200);
  }

  @Post('onboardings/:id/signatures')
  @UseGuards(CsrfGuard)
  async create(
    @Param('id') id: string,
    @Body() form: SignatureRequestForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const external = !form.signerUserId;
    await submitForm(
      () =>
        this.requests.create(viewer.scope, id, {
          document: form.document ?? 'authorisation_letter',
          agreementVersion: form.agreementVersion ? Number(form.agreementVersion) : undefined,
          signerUserId: external ? undefined : form.signerUserId,
          signerName: external ? form.signerName : undefined,
          signerEmail: external ? form.signerEmail : undefined,
        }),
      this.listForm(request, reply, viewer, id),
    );
  }

  @Post('onboardings/:id/signatures/:requestId/revoke')
  @UseGuards(CsrfGuard)
  async revoke(
    @Param('id') id: string,
    @Param('requestId') requestId: string,
    @Body() form: RevokeForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    await submitForm(
      () => this.requests.revoke(viewer.scope, id, requestId, form.reason ?? ''),
      this.listForm(request, reply, viewer, id),
    );
  }

  @Get('onboardings/:id/signatures/:requestId')
  async signPage(
    @Param('id') id: string,
    @Param('requestId') requestId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.showSign(
      request,
      reply,
      await this.viewers.require(request),
      id,
      requestId,
      null,
      200,
    );
  }

  @Post('onboardings/:id/signatures/:requestId')
  @UseGuards(CsrfGuard)
  async decide(
    @Param('id') id: string,
    @Param('requestId') requestId: string,
    @Body() form: SigningForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const decline = form.action === 'decline';
    await submitForm(
      () =>
        this.signing.decideAsUser(
          viewer.scope,
          id,
          requestId,
          decline
            ? { kind: 'decline', reason: form.reason ?? '' }
            : { kind: 'sign', typedName: form.typedName ?? '' },
          decline ? null : { password: form.password, code: form.code, passkey: form.passkey },
        ),
      {
        reads: signingRefusal,
        refused: (key, status) => this.showSign(request, reply, viewer, id, requestId, key, status),
        done: () =>
          this.renderer.render(
            request,
            reply,
            'signatures/signature-done',
            { signed: !decline, back: `/onboardings/${id}/signatures` },
            { titleKey: 'signatures.doneTitle', viewer },
          ),
      },
    );
  }

  @Get('onboardings/:id/signatures/:requestId/certificate.:format')
  async certificate(
    @Param('id') id: string,
    @Param('requestId') requestId: string,
    @Param('format') format: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const file = await this.requests.certificate(
      viewer.scope,
      id,
      requestId,
      format === 'pdf' ? 'pdf' : 'html',
    );
    await reply.send(sendDocument(reply, file));
  }

  /** A request or revocation form: 303 back to the list, or the list again with why. */
  private listForm(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    id: string,
  ): FormOutcome<unknown, string> {
    return {
      reads: requestRefusal,
      refused: (key, status) => this.showList(request, reply, viewer, id, key, status),
      done: async () => {
        await reply.code(303).redirect(`/onboardings/${id}/signatures`);
      },
    };
  }

  private async showList(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    id: string,
    error: string | null,
    status: number,
  ): Promise<void> {
    const detail = await this.onboardings.detail(viewer.scope, id);
    const items = await this.requests.list(viewer.scope, id);
    const mayRequest = can(viewer.scope, 'signature.request');
    const language = this.renderer.languageFor(request, viewer);
    await this.renderer.render(
      request,
      reply,
      'signatures/signatures',
      {
        onboardingId: id,
        customerName: detail.customerName,
        items: items.map((item) => this.row(item, viewer, id, language)),
        mayRequest,
        candidates: mayRequest ? await this.requests.signerCandidates(viewer.scope, id) : [],
        error,
      },
      {
        titleKey: 'signatures.listTitle',
        titleParams: { customer: detail.customerName },
        section: 'onboardings',
        viewer,
        status,
      },
    );
  }

  private row(
    item: SignatureRequestView,
    viewer: PortalViewer,
    id: string,
    language: PortalViewer['language'],
  ): object {
    const href = `/onboardings/${id}/signatures/${item.id}`;
    return {
      ...item,
      createdOn: formatDate(language, item.createdAt, false, viewer.scope.timeZone),
      expiresOn: formatDate(language, item.expiresAt, false, viewer.scope.timeZone),
      signHref: item.status === 'pending' && item.signer.userId === viewer.userId ? href : null,
      revokeAction: item.status === 'pending' ? `${href}/revoke` : null,
      certificateHtml: `${href}/certificate.html`,
      certificatePdf: `${href}/certificate.pdf`,
    };
  }

  private async showSign(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    id: string,
    requestId: string,
    errorKey: string | null,
    status: number,
  ): Promise<void> {
    const file = await this.requests.document(viewer.scope, id, requestId, 'html');
    const item = await this.requests.get(viewer.scope, id, requestId);
    const language = this.renderer.languageFor(request, viewer);
    await this.renderer.render(
      request,
      reply,
      'signatures/signature-sign',
      {
        action: `/onboardings/${id}/signatures/${requestId}`,
        back: `/onboardings/${id}/signatures`,
        request: item,
        mine: item.status === 'pending' && item.signer.userId === viewer.userId,
        expiresOn: formatDate(language, item.expiresAt, false, viewer.scope.timeZone),
        documentBody: documentBody(String(file.body)),
        error: errorKey ? { key: errorKey, remaining: 0 } : null,
        stepUp: await this.stepUp.strongest(viewer.userId),
      },
      {
        titleKey: 'signatures.signTitle',
        titleParams: { document: item.documentTitle },
        section: 'onboardings',
        viewer,
        status,
      },
    );
  }
}
