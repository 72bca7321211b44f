import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { INCIDENT_STATUSES, IncidentProgressService, IncidentStatus } from '@app/incidents';
import { ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IncidentFilterQuery, IncidentStatusForm, TaskForm } from './incident.forms';
import { PlainForm } from '../forms/csrf-form';
import { incidentDoneKey, within } from './incident-page-input';
import { IncidentPageResponder } from './incident-page-responder.service';
import { CsrfGuard } from '../session/csrf.guard';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { valuesOf } from '../kit/form-problem';
import { PortalController } from '../kit/portal-controller.decorator';
import { requireUuid } from '../kit/uuid';

/**
 * The incident page of a started service and its progress: provider staff acknowledge and
 * respond, move its status and complete its tasks; the customer reads it. Forms post with
 * their CSRF token and answer 303 back with a `?done=` notice; a refused form shows the page
 * again with the service's reason (`IncidentPageResponder`). The queue is
 * `IncidentQueuePagesController`; response actions, escalations and the review are
 * `IncidentResponsePagesController`.
 */
@PortalController()
export class IncidentPagesController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly responder: IncidentPageResponder,
    private readonly progress: IncidentProgressService,
  ) {}

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
    await this.responder.renderIncident(
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
    return this.responder.change(
      { request, reply, id, incidentId },
      { form: 'acknowledge', values: {}, done: 'acknowledged' },
      (scope) => this.progress.acknowledge(scope, id, incidentId),
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
    return this.responder.change(
      { request, reply, id, incidentId },
      { form: 'respond', values: {}, done: 'responded' },
      (scope) => this.progress.respond(scope, id, incidentId),
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
    return this.responder.change(
      { request, reply, id, incidentId },
      { form: 'status', values, done: 'status' },
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
    return this.responder.change(
      { request, reply, id, incidentId },
      { form: `task:${taskId}`, values: { note }, done: 'task' },
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
    return this.responder.change(
      { request, reply, id, incidentId },
      { form: `task:${taskId}`, values: { reason }, done: 'taskNotApplicable' },
      (scope) => this.progress.markTaskNotApplicable(scope, id, incidentId, taskId, reason),
    );
  }
}
