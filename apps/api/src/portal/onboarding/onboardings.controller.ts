import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { DomainException, NotFoundException, ValidationException } from '@app/platform';
import {
  GateService,
  GateVerdict,
  OnboardingService,
  StepActionsService,
  StepView,
} from '@app/workflow';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCalendarDate } from './calendar-date';
import { CreateOnboardingForm, StartServiceForm, StepActionForm } from './onboarding.forms';
import { ONBOARDING_TEMPLATE_KEYS, OnboardingPageService } from './onboarding-page.service';
import {
  isStepAction,
  MAX_REASON_LENGTH,
  MIN_REASON_LENGTH,
  needsReason,
  StepAction,
  stepErrorFlash,
  stepSuccessFlash,
} from './step-action-flash';
import { CREATE_REFUSALS } from './create-refusals';
import { refusalFlash } from '../errors/refusal';
import { localPathOr } from '../rendering/local-path';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { Flash, setFlash } from '../session/flash';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { flashRefusal } from '../kit/flash-refusal';
import { submitForm } from '../kit/submit-form';
import { UUID } from '../kit/uuid';

const STEP_KEY = /^[a-z][a-z0-9_]{1,63}$/;

function parseVersion(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,9}$/.test(value)) return undefined;
  const version = Number(value);
  return version >= 1 ? version : undefined;
}

/** An id in the path that cannot be an onboarding's answers like one that is not visible. */
function assertOnboardingId(id: string): void {
  if (!UUID.test(id)) throw new NotFoundException('Onboarding');
}

/** Why the service did not start: the gate's blockers counted, else the code's message; 404 goes on. */
function startRefusedFlash(error: DomainException): Flash | null {
  if (error.code === 'NOT_FOUND') return null;
  if (error.code === 'GATE_NOT_READY') {
    const count = (error.details as GateVerdict | undefined)?.blockers?.length ?? 0;
    return {
      kind: 'error',
      key: count === 1 ? 'error.startNotReadyOne' : 'error.startNotReadyMany',
      params: { count },
    };
  }
  return error.code === 'FORBIDDEN'
    ? { kind: 'error', key: 'error.startForbidden' }
    : refusalFlash(error);
}

/**
 * The onboarding pages: the list (with the form that starts one), one onboarding with its
 * gate, phases, steps and history, and the forms that act on it. Every form posts with its CSRF
 * token and answers 303 back to a page that shows a translated flash message; another
 * tenant's onboarding is the portal's 404 page.
 */
@PortalController()
export class OnboardingPagesController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly pages: OnboardingPageService,
    private readonly onboardings: OnboardingService,
    private readonly actions: StepActionsService,
    private readonly gates: GateService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('onboardings')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    const language = this.renderer.languageFor(request, viewer);
    const page = await this.pages.list(viewer, language);
    await this.renderer.render(request, reply, 'onboarding/onboardings', page, {
      titleKey: 'onboardings.title',
      section: 'onboardings',
      viewer,
    });
  }

  @Post('onboardings')
  @UseGuards(CsrfGuard)
  async create(
    @Body() form: CreateOnboardingForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const engagementId = (form.engagementId ?? '').trim();
    const templateKey = (form.templateKey ?? '').trim() || ONBOARDING_TEMPLATE_KEYS[0];
    const plannedStartDate = (form.plannedStartDate ?? '').trim();
    const problem = !UUID.test(engagementId)
      ? 'createEngagementRequired'
      : !ONBOARDING_TEMPLATE_KEYS.includes(templateKey)
        ? 'createTemplateUnknown'
        : !isCalendarDate(plannedStartDate)
          ? 'createDateInvalid'
          : null;
    if (problem) {
      await this.back(request, reply, '/onboardings', { kind: 'error', key: `error.${problem}` });
      return;
    }
    await submitForm(
      () =>
        this.onboardings.create(viewer.scope, {
          engagementId,
          templateKey,
          plannedStartDate,
          reonboarding: form.reonboarding === 'on',
        }),
      {
        reads: flashRefusal((error) => {
          const key = CREATE_REFUSALS[error.code];
          return key ? { kind: 'error', key: `error.${key}` } : refusalFlash(error);
        }),
        refused: (flash) => this.back(request, reply, '/onboardings', flash),
        done: (onboarding) =>
          this.back(request, reply, `/onboardings/${onboarding.id}`, {
            kind: 'success',
            key: 'onboarding.created',
          }),
      },
    );
  }

  @Get('onboardings/:id')
  async show(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    assertOnboardingId(id);
    const language = this.renderer.languageFor(request, viewer);
    const page = await this.pages.detail(viewer, id, language);
    await this.renderer.render(request, reply, 'onboarding/onboarding', page, {
      titleKey: 'onboarding.pageTitle',
      titleParams: { customer: page.customerName },
      section: 'onboardings',
      viewer,
    });
  }

  /** The whole history, newest first, HISTORY_PAGE_SIZE events a page (`?page=N`, from 1). */
  @Get('onboardings/:id/history')
  async history(
    @Param('id') id: string,
    @Query('page') pageParam: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    assertOnboardingId(id);
    if (pageParam !== undefined && !/^[1-9][0-9]{0,5}$/.test(pageParam))
      throw new ValidationException([{ field: 'page', reason: 'must be a whole number from 1' }]);
    const language = this.renderer.languageFor(request, viewer);
    const page = await this.pages.history(viewer, id, language, Number(pageParam ?? 1));
    await this.renderer.render(request, reply, 'onboarding/history', page, {
      titleKey: 'onboarding.history.pageTitle',
      titleParams: { customer: page.customerName },
      section: 'onboardings',
      viewer,
    });
  }

  @Post('onboardings/:id/steps/:key/:action')
  @UseGuards(CsrfGuard)
  async act(
    @Param('id') id: string,
    @Param('key') key: string,
    @Param('action') action: string,
    @Body() form: StepActionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    assertOnboardingId(id);
    // Proposals post to their own route (ProposalPagesController), whose fields follow the step.
    if (!STEP_KEY.test(key) || !isStepAction(action) || action === 'propose')
      throw new NotFoundException('Page');
    const language = this.renderer.languageFor(request, viewer);
    // Loading it first answers another tenant's onboarding with the 404 page, not a redirect.
    const step = await this.pages.step(viewer, id, key, language);
    if (!step) throw new NotFoundException('Step');
    const returnTo = localPathOr(form.returnTo, `/onboardings/${id}`);
    const expectedVersion = parseVersion(form.expectedVersion);
    const back = (flash: Flash) => this.back(request, reply, returnTo, flash);
    await submitForm(() => this.perform(viewer, id, step, action, form, expectedVersion), {
      reads: flashRefusal((error) => stepErrorFlash(error, action, step)),
      refused: back,
      done: back,
    });
  }

  @Post('onboardings/:id/start')
  @UseGuards(CsrfGuard)
  async start(
    @Param('id') id: string,
    @Body() _form: StartServiceForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    assertOnboardingId(id);
    const back = (flash: Flash) => this.back(request, reply, `/onboardings/${id}`, flash);
    await submitForm(() => this.gates.start(viewer.scope, id), {
      reads: flashRefusal(startRefusedFlash),
      refused: back,
      done: ({ created }) =>
        back({ kind: 'success', key: created ? 'service.started' : 'service.alreadyStarted' }),
    });
  }

  /** Checks the form's input, then asks the engine; a refused input never reaches it. */
  private async perform(
    viewer: PortalViewer,
    id: string,
    step: StepView,
    action: StepAction,
    form: StepActionForm,
    expectedVersion: number | undefined,
  ): Promise<Flash> {
    const problem = (key: string): Flash => ({
      kind: 'error',
      key: `error.${key}`,
      params: { action, step: step.title, min: MIN_REASON_LENGTH, max: MAX_REASON_LENGTH },
      stepKey: step.key,
    });
    const scope = viewer.scope;
    const reason = (form.reason ?? '').trim();
    if (needsReason(action)) {
      if (reason.length < MIN_REASON_LENGTH) return problem('reasonRequired');
      if (reason.length > MAX_REASON_LENGTH) return problem('reasonTooLong');
    }
    switch (action) {
      case 'approve':
        await this.actions.approve(scope, id, step.key, expectedVersion);
        break;
      case 'complete':
        await this.actions.complete(scope, id, step.key, { expectedVersion });
        break;
      case 'reject':
        await this.actions.reject(scope, id, step.key, reason, expectedVersion);
        break;
      case 'waive':
        await this.actions.waive(scope, id, step.key, reason);
        break;
      case 'reopen':
        await this.actions.reopen(scope, id, step.key, reason);
        break;
    }
    return stepSuccessFlash(action, step);
  }

  /** 303 to a page of this site, with the message it shows once. */
  private async back(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    flash: Flash,
  ): Promise<void> {
    setFlash(request, flash);
    await reply.header('Cache-Control', 'no-store').redirect(path, 303);
  }
}
