import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { FieldError, ValidationException } from '@app/platform';
import { ModeSwitchService, TuningLogService } from '@app/rollout';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CloseTuningEntryForm, ModeSwitchForm, TuningEntryForm } from '../planning/planning.forms';
import { decisionFromForm, requireText } from '../planning/planning-input';
import { PlanningContext, PlanningPageKit } from '../planning/planning-page-kit';
import { UUID } from '../kit/uuid';
import { PhasesPageService } from './phases-page.service';
import { CsrfGuard } from '../session/csrf.guard';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { NamedFormProblem, namedFormProblemOf } from '../kit/form-problem';
import { PortalController } from '../kit/portal-controller.decorator';
import { requireUuid } from '../kit/uuid';

/**
 * The tuning log (add entries, close them with a decision) and the detect-to-block mode switch
 * (the provider requests, the customer's security lead approves or rejects with a reason).
 */
@PortalController()
export class PhasesPagesController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly kit: PlanningPageKit,
    private readonly pages: PhasesPageService,
    private readonly log: TuningLogService,
    private readonly switches: ModeSwitchService,
  ) {}

  @Get('engagements/:id/tuning-log')
  async tuningLog(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderLog(request, reply, await this.loader.load(request, id), null, 200);
  }

  @Post('engagements/:id/tuning-log')
  @UseGuards(CsrfGuard)
  async addEntry(
    @Param('id') id: string,
    @Body() form: TuningEntryForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    const values = {
      groupId: form.groupId ?? '',
      hostname: form.hostname ?? '',
      detectionName: form.detectionName ?? '',
      process: form.process ?? '',
      decision: form.decision ?? '',
      note: form.note ?? '',
    };
    try {
      const errors: FieldError[] = [];
      if (!UUID.test(values.groupId))
        errors.push({ field: 'groupId', reason: 'is not a group of this engagement' });
      const detectionName = requireText(values, 'detectionName', 300, errors);
      const process = requireText(values, 'process', 500, errors);
      const decision = decisionFromForm(values, errors);
      if (errors.length > 0) throw new ValidationException(errors);
      await this.log.create(context.viewer.scope, id, {
        groupId: values.groupId,
        hostname: values.hostname.trim() || undefined,
        detectionName,
        process,
        decision,
        note: values.note,
      });
    } catch (error: unknown) {
      const { problem, status } = namedFormProblemOf(error, 'create', values);
      return this.renderLog(request, reply, context, problem, status);
    }
    await this.kit.back(reply, id, 'tuning-log');
  }

  @Post('engagements/:id/tuning-log/:entryId/close')
  @UseGuards(CsrfGuard)
  async closeEntry(
    @Param('id') id: string,
    @Param('entryId') entryId: string,
    @Body() form: CloseTuningEntryForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    requireUuid(entryId, 'Tuning log entry');
    const values = { decision: form.decision ?? '', note: form.note ?? '' };
    try {
      const errors: FieldError[] = [];
      const decision = decisionFromForm(values, errors);
      if (errors.length > 0) throw new ValidationException(errors);
      await this.log.update(context.viewer.scope, id, entryId, {
        decision,
        status: 'closed',
        ...(values.note.trim() ? { note: values.note } : {}),
      });
    } catch (error: unknown) {
      const { problem, status } = namedFormProblemOf(error, `entry:${entryId}`, values);
      return this.renderLog(request, reply, context, problem, status);
    }
    await this.kit.back(reply, id, 'tuning-log');
  }

  @Get('engagements/:id/mode-switches')
  async modeSwitches(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderSwitches(request, reply, await this.loader.load(request, id), null, 200);
  }

  @Post('engagements/:id/mode-switches/:groupId/request')
  @UseGuards(CsrfGuard)
  async requestSwitch(
    @Param('id') id: string,
    @Param('groupId') groupId: string,
    @Body() form: ModeSwitchForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    requireUuid(groupId, 'Group');
    await this.act(request, reply, context, groupId, { note: form.note ?? '' }, () =>
      this.switches.request(context.viewer.scope, id, groupId, form.note),
    );
  }

  @Post('engagements/:id/mode-switches/:groupId/:requestId/approve')
  @UseGuards(CsrfGuard)
  async approve(
    @Param('id') id: string,
    @Param('groupId') groupId: string,
    @Param('requestId') requestId: string,
    @Body() _form: ModeSwitchForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    requireUuid(groupId, 'Group');
    requireUuid(requestId, 'Mode switch request');
    await this.act(request, reply, context, groupId, {}, () =>
      this.switches.approve(context.viewer.scope, id, groupId, requestId),
    );
  }

  @Post('engagements/:id/mode-switches/:groupId/:requestId/reject')
  @UseGuards(CsrfGuard)
  async reject(
    @Param('id') id: string,
    @Param('groupId') groupId: string,
    @Param('requestId') requestId: string,
    @Body() form: ModeSwitchForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    requireUuid(groupId, 'Group');
    requireUuid(requestId, 'Mode switch request');
    await this.act(request, reply, context, groupId, { reason: form.reason ?? '' }, () =>
      this.switches.reject(context.viewer.scope, id, groupId, requestId, form.reason ?? ''),
    );
  }

  /** Runs a mode-switch action; a refusal shows the page with its reasons beside the group. */
  private async act(
    request: FastifyRequest,
    reply: FastifyReply,
    context: PlanningContext,
    groupId: string,
    values: Record<string, string>,
    action: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await action();
    } catch (error: unknown) {
      const { problem, status } = namedFormProblemOf(error, groupId, values);
      return this.renderSwitches(request, reply, context, problem, status);
    }
    await this.kit.back(reply, context.engagement.id, 'mode-switches');
  }

  private async renderLog(
    request: FastifyRequest,
    reply: FastifyReply,
    context: PlanningContext,
    problem: NamedFormProblem | null,
    status: number,
  ): Promise<void> {
    await this.kit.render(
      request,
      reply,
      context,
      'tuning-log',
      await this.pages.tuningLogPage(context.viewer, context.engagement, problem),
      status,
    );
  }

  private async renderSwitches(
    request: FastifyRequest,
    reply: FastifyReply,
    context: PlanningContext,
    problem: NamedFormProblem | null,
    status: number,
  ): Promise<void> {
    await this.kit.render(
      request,
      reply,
      context,
      'mode-switches',
      await this.pages.modeSwitchPage(
        context.viewer,
        context.engagement,
        context.language,
        problem,
      ),
      status,
    );
  }
}
