import { Body, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { SEVERITIES, Severity } from '@app/agreements';
import { ClosureReportService, IncidentsService } from '@app/incidents';
import { ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendDocument } from '../../agreements/document-params';
import { closureReportFile } from '../../incidents/closure-report-file';
import { IncidentFilterQuery, OpenIncidentForm } from './incident.forms';
import { incidentDoneKey, within } from './incident-page-input';
import { IncidentPageResponder } from './incident-page-responder.service';
import { CsrfGuard } from '../session/csrf.guard';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { namedFormProblem, valuesOf } from '../kit/form-problem';
import { submitForm } from '../kit/submit-form';
import { PortalController } from '../kit/portal-controller.decorator';
import { requireUuid } from '../kit/uuid';

/**
 * The incident queue of a started service, where provider staff open an incident, and an
 * incident's closure report as a file.
 */
@PortalController()
export class IncidentQueuePagesController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly responder: IncidentPageResponder,
    private readonly incidents: IncidentsService,
    private readonly reports: ClosureReportService,
  ) {}

  @Get('engagements/:id/incidents')
  async queue(
    @Param('id') id: string,
    @Query() query: IncidentFilterQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    await this.responder.renderQueue(
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
          this.responder.renderQueue(request, reply, context, problem, null, {}, status),
        done: (opened) => this.responder.back(reply, id, String(opened.id), 'opened'),
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
}
