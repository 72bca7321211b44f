import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { FieldError, ValidationException } from '@app/platform';
import { ModeSwitchService, TuningLogService } from '@app/rollout';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CloseTuningEntryForm, ModeSwitchForm, TuningEntryForm } from '../planning/planning.forms';
import { decisionFromForm, requireText } from '../planning/planning-input';
import { PlanningContext, PlanningPageData, PlanningPageKit } from '../planning/planning-page-kit';
import { UUID } from '../kit/uuid';
import { PhasesPageService } from './phases-page.service';
import { CsrfGuard } from '../session/csrf.guard';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import type { NamedFormProblem } from '../kit/form-problem';
import { FormOutcome, submitForm } from '../kit/submit-form';
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
    const context = await this.loader.load(request, id);
    await this.kit.show(request, reply, context, 'tuning-log', this.logData(context));
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
    await submitForm(
      async () => {
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
      },
      this.kit.form(request, reply, context, 'tuning-log', this.logData(context), 'create', values),
    );
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
    const data = this.logData(context);
    await submitForm(
      async () => {
        const errors: FieldError[] = [];
        const decision = decisionFromForm(values, errors);
        if (errors.length > 0) throw new ValidationException(errors);
        await this.log.update(context.viewer.scope, id, entryId, {
          decision,
          status: 'closed',
          ...(values.note.trim() ? { note: values.note } : {}),
        });
      },
      this.kit.form(request, reply, context, 'tuning-log', data, `entry:${entryId}`, values),
    );
  }

  @Get('engagements/:id/mode-switches')
  async modeSwitches(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    await this.kit.show(request, reply, context, 'mode-switches', this.switchesData(context));
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
    await submitForm(
      () => this.switches.request(context.viewer.scope, id, groupId, form.note),
      this.switchForm(request, reply, context, groupId, { note: form.note ?? '' }),
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
    await submitForm(
      () => this.switches.approve(context.viewer.scope, id, groupId, requestId),
      this.switchForm(request, reply, context, groupId, {}),
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
    await submitForm(
      () => this.switches.reject(context.viewer.scope, id, groupId, requestId, form.reason ?? ''),
      this.switchForm(request, reply, context, groupId, { reason: form.reason ?? '' }),
    );
  }

  /** A mode-switch action: a refusal shows its reasons beside the group's form. */
  private switchForm(
    request: FastifyRequest,
    reply: FastifyReply,
    context: PlanningContext,
    groupId: string,
    values: Record<string, string>,
  ): FormOutcome<unknown, NamedFormProblem> {
    const data = this.switchesData(context);
    return this.kit.form(request, reply, context, 'mode-switches', data, groupId, values);
  }

  private logData(context: PlanningContext): PlanningPageData {
    return (problem) => this.pages.tuningLogPage(context.viewer, context.engagement, problem);
  }

  private switchesData(context: PlanningContext): PlanningPageData {
    return (problem) =>
      this.pages.modeSwitchPage(context.viewer, context.engagement, context.language, problem);
  }
}
