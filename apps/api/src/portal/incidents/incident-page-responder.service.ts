import { Injectable } from '@nestjs/common';
import { SEVERITIES, Severity } from '@app/agreements';
import { INCIDENT_STATUSES, IncidentStatus } from '@app/incidents';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IncidentFilterQuery } from './incident.forms';
import { IncidentDone, incidentsPath, within } from './incident-page-input';
import { IncidentPagesService } from './incident-pages.service';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { EngagementPageContext, EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { NamedFormProblem, namedFormProblem } from '../kit/form-problem';
import { submitForm } from '../kit/submit-form';
import { requireUuid } from '../kit/uuid';

/** The incident a form posts to, and the request and reply it is answered on. */
export interface IncidentRoute {
  request: FastifyRequest;
  reply: FastifyReply;
  id: string;
  incidentId: string;
}

/** Which form it is (its problem is shown beside it), what was typed, and the notice once done. */
export interface IncidentFormOutcome {
  form: string;
  values: Record<string, string>;
  done: IncidentDone;
}

/**
 * How the incident controllers answer: the queue or the incident page (again, with a refused
 * form's problem), or 303 back with a `?done=` notice. One place, so the three controllers of
 * the incident pages end their forms alike.
 */
@Injectable()
export class IncidentPageResponder {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly pages: IncidentPagesService,
    private readonly renderer: PortalRenderer,
  ) {}

  /** Runs one incident form: 303 back with the notice, or the page again with the reason. */
  async change(
    { request, reply, id, incidentId }: IncidentRoute,
    { form, values, done }: IncidentFormOutcome,
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

  async back(
    reply: FastifyReply,
    id: string,
    incidentId: string,
    done: IncidentDone,
  ): Promise<void> {
    await reply
      .header('Cache-Control', 'no-store')
      .redirect(incidentsPath(id, incidentId, done), 303);
  }

  async renderQueue(
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

  async renderIncident(
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
