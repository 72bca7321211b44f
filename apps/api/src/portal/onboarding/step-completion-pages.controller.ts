import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import { NotFoundException } from '@app/platform';
import { CompletionInput, StepActionsService, TaskEvidenceService } from '@app/workflow';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendEvidenceFile } from '../../workflow/send-evidence-file';
import { completionInputOf, readEvidenceForm } from '../../workflow/evidence-form';
import { CsrfRejectedException } from '../errors/portal-exceptions';
import { CompletionForm } from './completion.form';
import { completionErrorFlash } from './completion-flash';
import { OnboardingPageService } from './onboarding-page.service';
import { stepSuccessFlash } from './step-action-flash';
import { localPathOr } from '../rendering/local-path';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { csrfTokenValid } from '../session/csrf.guard';
import { Flash, setFlash } from '../session/flash';
import { PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { flashRefusal } from '../kit/flash-refusal';
import { submitForm } from '../kit/submit-form';
import { UUID } from '../kit/uuid';

const STEP_KEY = /^[a-z][a-z0-9_]{1,63}$/;

function expectedVersionOf(value: string | undefined): number | undefined {
  return value && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;
}

/**
 * Completing a step from the portal, with a note and evidence files (a multipart form whose CSRF
 * token is its first field, checked before any file is kept) or without (a plain form), and the
 * evidence files' downloads for the engagement's parties. Answers 303 back with a translated
 * flash; another tenant's onboarding is the 404 page.
 */
@PortalController()
export class StepCompletionPagesController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly pages: OnboardingPageService,
    private readonly actions: StepActionsService,
    private readonly evidence: TaskEvidenceService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Post('onboardings/:id/steps/:key/complete')
  async complete(
    @Param('id') id: string,
    @Param('key') key: string,
    @Body() body: CompletionForm | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    if (!UUID.test(id) || !STEP_KEY.test(key)) throw new NotFoundException('Step');
    const language = this.renderer.languageFor(request, viewer);
    // Loading it first answers another tenant's onboarding with the 404 page, not a redirect.
    const step = await this.pages.step(viewer, id, key, language);
    if (!step) throw new NotFoundException('Step');
    let fields: Record<string, string> = {};
    let input: CompletionInput = {};
    const back = async (flash: Flash): Promise<void> => {
      setFlash(request, flash);
      await reply
        .header('Cache-Control', 'no-store')
        .redirect(localPathOr(fields.returnTo, `/onboardings/${id}`), 303);
    };
    await submitForm(
      async () => {
        if (request.isMultipart()) {
          let checked = false;
          const checkCsrf = async (sent: Record<string, string>): Promise<void> => {
            checked = true;
            if (!(await csrfTokenValid(request, sent._csrf ?? '')))
              throw new CsrfRejectedException();
          };
          const form = await readEvidenceForm(request, this.evidence.limits, checkCsrf);
          if (!checked) await checkCsrf(form.fields);
          fields = form.fields;
          input = completionInputOf(form, ['_csrf', 'returnTo']);
        } else {
          if (!(await csrfTokenValid(request))) throw new CsrfRejectedException();
          fields = { ...(body?.returnTo ? { returnTo: body.returnTo } : {}) };
          input = { note: body?.note, expectedVersion: expectedVersionOf(body?.expectedVersion) };
        }
        await this.actions.complete(viewer.scope, id, key, input);
      },
      {
        // `input` as read so far: a refused file names its limits.
        reads: flashRefusal((error) =>
          completionErrorFlash(error, step, input, this.evidence.limits),
        ),
        refused: back,
        done: () => back(stepSuccessFlash('complete', step)),
      },
    );
  }

  /** An evidence file, for a person of the engagement's customer or provider (others: the 403 page). */
  @Get('onboardings/:id/evidence/:fileId')
  async download(
    @Param('id') id: string,
    @Param('fileId') fileId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    if (!UUID.test(id) || !UUID.test(fileId)) throw new NotFoundException('Evidence file');
    const file = await this.evidence.download(viewer.scope, id, fileId);
    await reply.send(sendEvidenceFile(reply, file));
  }
}
