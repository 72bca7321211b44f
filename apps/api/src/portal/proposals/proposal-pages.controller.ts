import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { DomainException, NotFoundException, ValidationException } from '@app/platform';
import { StepActionsService, StepView } from '@app/workflow';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OnboardingPageService } from '../onboarding/onboarding-page.service';
import { stepErrorFlash, stepSuccessFlash } from '../onboarding/step-action-flash';
import { fieldLabel, proposalInputOf } from './proposal-form';
import { ProposalPageService } from './proposal-page.service';
import { localPathOr } from '../rendering/local-path';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { Flash, setFlash } from '../session/flash';
import { PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { flashRefusal } from '../kit/flash-refusal';
import { submitForm } from '../kit/submit-form';
import { UUID } from '../kit/uuid';

const STEP_KEY = /^[a-z][a-z0-9_]{1,63}$/;

/**
 * A proposal's page (the document in the reader's language, what changed since the last
 * approval, and the approver's decision), and the proposer's form: "propose the current plan"
 * with a note for configuration steps, the step's fields for written proposals. The decision
 * posts to the step's approve/reject forms. Another tenant's onboarding is the 404 page.
 */
@PortalController()
export class ProposalPagesController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly pages: ProposalPageService,
    private readonly onboardingPages: OnboardingPageService,
    private readonly actions: StepActionsService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('onboardings/:id/steps/:key/proposals/:version')
  async show(
    @Param('id') id: string,
    @Param('key') key: string,
    @Param('version') version: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    if (!UUID.test(id) || !STEP_KEY.test(key) || !/^[1-9][0-9]{0,8}$/.test(version))
      throw new NotFoundException('Proposal');
    const language = this.renderer.languageFor(request, viewer);
    const page = await this.pages.page(viewer, id, key, Number(version), language);
    await this.renderer.render(request, reply, 'proposals/proposal', page, {
      titleKey: 'proposals.pageTitle',
      titleParams: { document: page.stepTitle, version },
      section: 'onboardings',
      viewer,
    });
  }

  /** The body's fields follow the step's schema (`field_<name>`), so it is read here rather than by a fixed form class. */
  @Post('onboardings/:id/steps/:key/proposals')
  @UseGuards(CsrfGuard)
  async propose(
    @Param('id') id: string,
    @Param('key') key: string,
    @Body() form: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    if (!UUID.test(id) || !STEP_KEY.test(key)) throw new NotFoundException('Step');
    const language = this.renderer.languageFor(request, viewer);
    const step = await this.onboardingPages.step(viewer, id, key, language);
    if (!step) throw new NotFoundException('Step');
    const returnTo = localPathOr(
      typeof form.returnTo === 'string' ? form.returnTo : undefined,
      `/onboardings/${id}`,
    );
    const back = async (flash: Flash): Promise<void> => {
      setFlash(request, flash);
      await reply.header('Cache-Control', 'no-store').redirect(returnTo, 303);
    };
    await submitForm(
      () => this.actions.propose(viewer.scope, id, key, proposalInputOf(key, form)),
      {
        reads: flashRefusal((error) => this.refused(error, step, language)),
        refused: back,
        done: (result) => back(stepSuccessFlash('propose', step, result.submissionVersion)),
      },
    );
  }

  private refused(
    error: DomainException,
    step: StepView,
    language: Parameters<typeof fieldLabel>[2],
  ): Flash {
    const flash = (key: string, params: Record<string, string | number> = {}): Flash => ({
      kind: 'error',
      key: `error.${key}`,
      params: { step: step.title, ...params },
      stepKey: step.key,
    });
    if (error instanceof ValidationException) {
      const field = error.fields[0]?.field ?? '';
      if (field === 'content') return flash('proposalContent');
      if (field.startsWith('content'))
        return flash('proposalField', { field: fieldLabel(step.key, field, language) });
    }
    const reasons = (error.details as { reasons?: unknown } | undefined)?.reasons;
    if (error.code === 'PROPOSAL_NOT_READY' && Array.isArray(reasons))
      return flash('proposalNotReady', { reasons: reasons.join(' ') });
    return stepErrorFlash(error, 'propose', step);
  }
}
