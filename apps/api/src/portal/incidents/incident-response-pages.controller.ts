import { Body, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ASSET_TYPES, AssetType, RESPONSE_ACTIONS, ResponseAction } from '@app/agreements';
import { EscalationsService, IncidentReviewService, ResponseActionsService } from '@app/incidents';
import { NotFoundException, ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestActionForm } from './incident.forms';
import { PlainForm } from '../forms/csrf-form';
import { IncidentReviewForm, reviewFromForm } from './incident-review-form';
import { within } from './incident-page-input';
import { IncidentPageResponder } from './incident-page-responder.service';
import { StepUpForm } from '../forms/step-up.form';
import { CsrfGuard } from '../session/csrf.guard';
import { valuesOf } from '../kit/form-problem';
import { PortalController } from '../kit/portal-controller.decorator';
import { requireUuid } from '../kit/uuid';

/**
 * The incident page's forms beyond its progress: response actions requested by provider staff
 * and approved or declined by the customer's security lead (with step-up), the answer to an
 * escalation call, and the post-incident review.
 */
@PortalController()
export class IncidentResponsePagesController {
  constructor(
    private readonly responder: IncidentPageResponder,
    private readonly actions: ResponseActionsService,
    private readonly escalations: EscalationsService,
    private readonly reviews: IncidentReviewService,
  ) {}

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
    return this.responder.change(
      { request, reply, id, incidentId },
      { form: 'action', values, done: 'requested' },
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
    return this.responder.change(
      { request, reply, id, incidentId },
      { form: `decide:${actionId}`, values: {}, done: approve ? 'approved' : 'declined' },
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
    return this.responder.change(
      { request, reply, id, incidentId },
      { form: `escalation:${escalationId}`, values: {}, done: 'escalation' },
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
    return this.responder.change(
      { request, reply, id, incidentId },
      { form: 'review', values, done: 'review' },
      async (scope) => {
        await this.reviews.record(scope, id, incidentId, input);
      },
    );
  }
}
