import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ASSET_TYPES,
  AssetType,
  RESPONSE_ACTIONS,
  ResponseAction,
  SEVERITIES,
  Severity,
} from '@app/agreements';
import {
  ClosureReportService,
  EscalationsService,
  IncidentReviewService,
  INCIDENT_STATUSES,
  IncidentProgressService,
  IncidentsService,
  IncidentStatus,
  ResponseActionsService,
} from '@app/incidents';
import { NotFoundException, ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendDocument } from '../../agreements/document-params';
import { closureReportFile } from '../../incidents/closure-report-file';
import {
  IncidentFilterQuery,
  IncidentStatusForm,
  OpenIncidentForm,
  RequestActionForm,
  TaskForm,
} from './incident.forms';
import { PlainForm } from '../forms/csrf-form';
import { IncidentReviewForm, reviewFromForm } from './incident-review-form';
import { IncidentDone, incidentDoneKey, incidentsPath } from './incident-page-input';
import { IncidentPagesService } from './incident-pages.service';
import { StepUpForm } from '../forms/step-up.form';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { EngagementPageContext, EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { NamedFormProblem, namedFormProblem, valuesOf } from '../kit/form-problem';
import { submitForm } from '../kit/submit-form';
import { PortalController } from '../kit/portal-controller.decorator';
import { requireUuid } from '../kit/uuid';

const within = <T extends string>(all: readonly T[], value: string | undefined): T | undefined =>
  (all as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

/**
 * The incident queue and the incident page of a started service. Provider staff open and run
 * incidents; the customer reads them and its security lead approves or declines the response
 * actions that wait for them. Forms post with their CSRF token and answer 303 back with a
 * `?done=` notice; a refused form shows the page again with the service's reason.
 */
@PortalController()
export class IncidentPagesController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly pages: IncidentPagesService,
    private readonly renderer: PortalRenderer,
    private readonly incidents: IncidentsService,
    private readonly progress: IncidentProgressService,
    private readonly actions: ResponseActionsService,
    private readonly reports: ClosureReportService,
    private readonly escalations: EscalationsService,
    private readonly reviews: IncidentReviewService,
  ) {}

  @Get('engagements/:id/incidents')
  async queue(
    @Param('id') id: string,
    @Query() query: IncidentFilterQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    await this.renderQueue(
      request,
      reply,
      context,
      null,
      incidentDoneKey(query as Record<string, unknown>),
      query,
    );
  }

  @Post('engagements/:id/incidents')
  @UseGuards(CsrfGuard)
  async open(
    @Param('id') id: string,
    @Body() form: OpenIncidentForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    const values = valuesOf(form);
    await submitForm(
      async () => {
        const severity = within<Severity>(SEVERITIES, values.severity);
        if (!severity)
          throw new ValidationException([
            { field: 'severity', reason: `must be one of ${SEVERITIES.join(', ')}` },
          ]);
        const title = (values.title ?? '').trim();
        if (!title)
          throw new ValidationException([{ field: 'title', reason: 'must not be empty' }]);
        const host = (values.host ?? '').trim();
        return this.incidents.open(context.viewer.scope, id, {
          title,
          severity,
          host: host || undefined,
        });
      },
      {
        reads: namedFormProblem('open', values),
        refused: (problem, status) =>
          this.renderQueue(request, reply, context, problem, null, {}, status),
        done: (opened) => this.back(reply, id, String(opened.id), 'opened'),
      },
    );
  }

  @Get('engagements/:id/incidents/:incidentId')
  async incident(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Query() query: IncidentFilterQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    requireUuid(incidentId, 'Incident');
    await this.renderIncident(
      request,
      reply,
      context,
      incidentId,
      null,
      incidentDoneKey(query as Record<string, unknown>),
    );
  }

  @Post('engagements/:id/incidents/:incidentId/acknowledge')
  @UseGuards(CsrfGuard)
  acknowledge(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Body() _form: PlainForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.change(request, reply, id, incidentId, 'acknowledge', {}, 'acknowledged', (scope) =>
      this.progress.acknowledge(scope, id, incidentId),
    );
  }

  @Post('engagements/:id/incidents/:incidentId/respond')
  @UseGuards(CsrfGuard)
  respond(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Body() _form: PlainForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.change(request, reply, id, incidentId, 'respond', {}, 'responded', (scope) =>
      this.progress.respond(scope, id, incidentId),
    );
  }

  @Post('engagements/:id/incidents/:incidentId/status')
  @UseGuards(CsrfGuard)
  status(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Body() form: IncidentStatusForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = valuesOf(form);
    return this.change(
      request,
      reply,
      id,
      incidentId,
      'status',
      values,
      'status',
      async (scope) => {
        const to = within<IncidentStatus>(INCIDENT_STATUSES, values.status);
        if (!to)
          throw new ValidationException([
            { field: 'status', reason: `must be one of ${INCIDENT_STATUSES.join(', ')}` },
          ]);
        await this.progress.changeStatus(
          scope,
          id,
          incidentId,
          to,
          values.note?.trim() || undefined,
        );
      },
    );
  }

  @Post('engagements/:id/incidents/:incidentId/tasks/:taskId/complete')
  @UseGuards(CsrfGuard)
  completeTask(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Param('taskId') taskId: string,
    @Body() form: TaskForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireUuid(taskId, 'Task');
    const note = (form.note ?? '').trim();
    return this.change(
      request,
      reply,
      id,
      incidentId,
      `task:${taskId}`,
      { note },
      'task',
      (scope) => this.progress.completeTask(scope, id, incidentId, taskId, note || undefined),
    );
  }

  @Post('engagements/:id/incidents/:incidentId/tasks/:taskId/not-applicable')
  @UseGuards(CsrfGuard)
  taskNotApplicable(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Param('taskId') taskId: string,
    @Body() form: TaskForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireUuid(taskId, 'Task');
    const reason = form.reason ?? '';
    return this.change(
      request,
      reply,
      id,
      incidentId,
      `task:${taskId}`,
      { reason },
      'taskNotApplicable',
      (scope) => this.progress.markTaskNotApplicable(scope, id, incidentId, taskId, reason),
    );
  }

  @Post('engagements/:id/incidents/:incidentId/actions')
  @UseGuards(CsrfGuard)
  requestAction(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Body() form: RequestActionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = valuesOf(form);
    return this.change(
      request,
      reply,
      id,
      incidentId,
      'action',
      values,
      'requested',
      async (scope) => {
        const action = within<ResponseAction>(RESPONSE_ACTIONS, values.action);
        const target = (values.target ?? '').trim();
        const targetType = values.targetType
          ? within<AssetType>(ASSET_TYPES, values.targetType)
          : undefined;
        const errors = [];
        if (!action)
          errors.push({ field: 'action', reason: `must be one of ${RESPONSE_ACTIONS.join(', ')}` });
        if (!target) errors.push({ field: 'target', reason: 'must not be empty' });
        if (values.targetType && !targetType)
          errors.push({ field: 'targetType', reason: `must be one of ${ASSET_TYPES.join(', ')}` });
        if (!action || errors.length > 0) throw new ValidationException(errors);
        await this.actions.request(scope, id, incidentId, {
          action,
          target,
          targetType,
          reason: values.reason?.trim() || undefined,
        });
      },
    );
  }

  @Post('engagements/:id/incidents/:incidentId/actions/:actionId/:decision')
  @UseGuards(CsrfGuard)
  decide(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Param('actionId') actionId: string,
    @Param('decision') decision: string,
    @Body() form: StepUpForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireUuid(actionId, 'Response action');
    if (decision !== 'approve' && decision !== 'decline') throw new NotFoundException('Decision');
    const approve = decision === 'approve';
    return this.change(
      request,
      reply,
      id,
      incidentId,
      `decide:${actionId}`,
      {},
      approve ? 'approved' : 'declined',
      async (scope) => {
        await this.actions.decide(scope, id, incidentId, actionId, approve, {
          password: form.password,
          code: form.code,
          passkey: form.passkey,
        });
      },
    );
  }

  /** The customer's people answer the escalation call waiting on the incident, as its emailed link would. */
  @Post('engagements/:id/incidents/:incidentId/escalations/:escalationId/acknowledge')
  @UseGuards(CsrfGuard)
  acknowledgeEscalation(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Param('escalationId') escalationId: string,
    @Body() _form: PlainForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    requireUuid(escalationId, 'Escalation');
    return this.change(
      request,
      reply,
      id,
      incidentId,
      `escalation:${escalationId}`,
      {},
      'escalation',
      (scope) => this.escalations.acknowledge(scope, id, incidentId, escalationId),
    );
  }

  /** Provider staff record or change the post-incident review until the incident closes. */
  @Post('engagements/:id/incidents/:incidentId/review')
  @UseGuards(CsrfGuard)
  recordReview(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Body() form: IncidentReviewForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { input, values } = reviewFromForm(form);
    return this.change(
      request,
      reply,
      id,
      incidentId,
      'review',
      values,
      'review',
      async (scope) => {
        await this.reviews.record(scope, id, incidentId, input);
      },
    );
  }

  /** The closure report of `/api/.../report`, for the portal's session user (HTML, or PDF). */
  @Get('engagements/:id/incidents/:incidentId/report')
  async report(
    @Param('id') id: string,
    @Param('incidentId') incidentId: string,
    @Query('format') format: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer } = await this.loader.load(request, id);
    requireUuid(incidentId, 'Incident');
    if (format !== undefined && format !== 'html' && format !== 'pdf')
      throw new ValidationException([{ field: 'format', reason: 'must be html or pdf' }]);
    await reply.send(
      sendDocument(
        reply,
        await closureReportFile(
          this.reports,
          viewer.scope,
          id,
          incidentId,
          format === 'pdf' ? 'pdf' : 'html',
        ),
      ),
    );
  }

  /** Runs one incident form: 303 back with the notice, or the page again with the reason. */
  private async change(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    incidentId: string,
    form: string,
    values: Record<string, string>,
    done: IncidentDone,
    run: (scope: EngagementPageContext['viewer']['scope']) => Promise<void>,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    requireUuid(incidentId, 'Incident');
    await submitForm(() => run(context.viewer.scope), {
      reads: namedFormProblem(form, values),
      refused: (problem, status) =>
        this.renderIncident(request, reply, context, incidentId, problem, null, status),
      done: () => this.back(reply, id, incidentId, done),
    });
  }

  private async back(
    reply: FastifyReply,
    id: string,
    incidentId: string,
    done: IncidentDone,
  ): Promise<void> {
    await reply
      .header('Cache-Control', 'no-store')
      .redirect(incidentsPath(id, incidentId, done), 303);
  }

  private async renderQueue(
    request: FastifyRequest,
    reply: FastifyReply,
    context: EngagementPageContext,
    problem: NamedFormProblem | null,
    doneKey: string | null,
    query: IncidentFilterQuery,
    status = 200,
  ): Promise<void> {
    const filters = {
      status: within<IncidentStatus>(INCIDENT_STATUSES, query.status),
      severity: within<Severity>(SEVERITIES, query.severity),
    };
    const data = await this.pages.queuePage(
      context.viewer,
      context.engagement,
      filters,
      problem,
      doneKey,
    );
    // Before the start of service there are no incidents: the page says so with 409.
    await this.renderer.render(request, reply, 'incidents/incidents', data, {
      titleKey: 'incidentPages.queue.pageTitle',
      titleParams: { engagement: context.engagement.name },
      section: 'home',
      status: data.started ? status : 409,
      viewer: context.viewer,
      returnTo: incidentsPath(context.engagement.id),
    });
  }

  private async renderIncident(
    request: FastifyRequest,
    reply: FastifyReply,
    context: EngagementPageContext,
    incidentId: string,
    problem: NamedFormProblem | null,
    doneKey: string | null,
    status = 200,
  ): Promise<void> {
    const data = await this.pages.incidentPage(
      context.viewer,
      context.engagement,
      incidentId,
      problem,
      doneKey,
    );
    await this.renderer.render(request, reply, 'incidents/incident', data, {
      titleKey: 'incidentPages.incident.pageTitle',
      titleParams: { title: String(data.incident.title) },
      section: 'home',
      status,
      viewer: context.viewer,
      returnTo: incidentsPath(context.engagement.id, incidentId),
    });
  }
}
