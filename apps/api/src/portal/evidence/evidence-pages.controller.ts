import { Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { EvidenceSubjects } from '@app/collaboration';
import { EvidenceStore } from '@app/evidence';
import { IncidentsService } from '@app/incidents';
import { NotFoundException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendEvidenceFile } from '../../workflow/send-evidence-file';
import { EngagementPageContext, EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { submitForm } from '../kit/submit-form';
import { requireUuid } from '../kit/uuid';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { EvidencePageService, EvidenceUploadProblem } from './evidence-page.service';
import {
  incidentEvidencePath,
  incidentEvidenceSectionPath,
  stepEvidencePath,
} from './evidence-paths';
import { portalEvidenceUpload } from './evidence-upload';

const STEP_KEY = /^[a-z][a-z0-9_]{1,63}$/;

function requireStepKey(key: string): void {
  if (!STEP_KEY.test(key)) throw new NotFoundException('Step');
}

/**
 * Evidence files in the portal: a step's page (list and upload form), the upload of the
 * incident page's evidence section (a refused one is explained on the incident's evidence page),
 * and the download of one file with the portal session, audited like the API's. Uploads are
 * multipart forms whose CSRF token is checked before the file is read; they answer 303 back.
 */
@PortalController()
export class EvidencePagesController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly loader: EngagementPageLoader,
    private readonly pages: EvidencePageService,
    private readonly store: EvidenceStore,
    private readonly subjects: EvidenceSubjects,
    private readonly incidents: IncidentsService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('onboardings/:id/steps/:key/evidence')
  async stepPage(
    @Param('id') id: string,
    @Param('key') key: string,
    @Query('done') done: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    requireUuid(id, 'Onboarding');
    requireStepKey(key);
    await this.renderStep(request, reply, viewer, id, key, null, done === 'uploaded', 200);
  }

  @Post('onboardings/:id/steps/:key/evidence')
  async uploadToStep(
    @Param('id') id: string,
    @Param('key') key: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    requireUuid(id, 'Onboarding');
    requireStepKey(key);
    // Found first: another tenant's step is the 404 page and its form is never read.
    const place = await this.pages.stepPlace(viewer, id, key);
    const upload = portalEvidenceUpload(request, viewer, place, this.store, this.subjects);
    await submitForm(upload.attempt, {
      reads: upload.reads,
      refused: (problem, status) =>
        this.renderStep(request, reply, viewer, id, key, problem, false, status),
      done: async () => {
        await reply
          .header('Cache-Control', 'no-store')
          .redirect(`${stepEvidencePath(id, key)}?done=uploaded`, 303);
      },
    });
  }

  /** An incident's files on a page of their own (the incident page shows them too). */
  @Get('engagements/:id/incidents/:incidentId/evidence')
  async incidentPage(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    requireUuid(incidentId, 'Incident');
    await this.renderIncident(request, reply, context, incidentId, null, 200);
  }

  @Post('engagements/:id/incidents/:incidentId/evidence')
  async uploadToIncident(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    requireUuid(incidentId, 'Incident');
    const place = await this.pages.incidentPlace(context.viewer, id, incidentId);
    const upload = portalEvidenceUpload(request, context.viewer, place, this.store, this.subjects);
    await submitForm(upload.attempt, {
      reads: upload.reads,
      refused: (problem, status) =>
        this.renderIncident(request, reply, context, incidentId, problem, status),
      done: async () => {
        await reply
          .header('Cache-Control', 'no-store')
          .redirect(incidentEvidenceSectionPath(id, incidentId), 303);
      },
    });
  }

  /** A file for a reader of its engagement (internal ones for the provider's side): an attachment, never rendered. */
  @Get('evidence/:attachmentId')
  async download(
    @Param('attachmentId') attachmentId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    requireUuid(attachmentId, 'Evidence file');
    const file = await this.store.download(viewer.scope, attachmentId);
    await reply.send(sendEvidenceFile(reply, file));
  }

  private async renderStep(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    id: string,
    key: string,
    problem: EvidenceUploadProblem | null,
    uploaded: boolean,
    status: number,
  ): Promise<void> {
    const language = this.renderer.languageFor(request, viewer);
    const data = await this.pages.stepPage(viewer, id, key, language, problem, uploaded);
    await this.renderer.render(request, reply, 'evidence/evidence', data, {
      titleKey: 'evidence.page.stepTitle',
      titleParams: { title: data.title },
      section: 'onboardings',
      status,
      viewer,
      returnTo: stepEvidencePath(id, key),
    });
  }

  private async renderIncident(
    request: FastifyRequest,
    reply: FastifyReply,
    context: EngagementPageContext,
    incidentId: string,
    problem: EvidenceUploadProblem | null,
    status: number,
  ): Promise<void> {
    const id = context.engagement.id;
    const incident = await this.incidents.get(context.viewer.scope, id, incidentId);
    const data = await this.pages.incidentPage(
      context.viewer,
      id,
      incidentId,
      incident.title,
      problem,
    );
    await this.renderer.render(request, reply, 'evidence/evidence', data, {
      titleKey: 'evidence.page.incidentTitle',
      titleParams: { title: incident.title },
      section: 'home',
      status,
      viewer: context.viewer,
      returnTo: incidentEvidencePath(id, incidentId),
    });
  }
}
