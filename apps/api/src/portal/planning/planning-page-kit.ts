import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EngagementPageContext } from '../kit/engagement-page-loader.service';
import { NamedFormProblem, namedFormProblem } from '../kit/form-problem';
import type { FormOutcome } from '../kit/submit-form';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { PlanningPage, planningPath } from './planning-paths';

/** A planning page's viewer, engagement and language (EngagementPageLoader loads it). */
export type PlanningContext = EngagementPageContext;

/** A planning page's data from its page service, with a refused form's problem or without. */
export type PlanningPageData = (problem: NamedFormProblem | null) => Promise<object>;

const VIEW: Record<PlanningPage, { view: string; titleKey: string }> = {
  groups: { view: 'planning/planning-groups', titleKey: 'rolloutPlanning.groups.pageTitle' },
  waves: { view: 'planning/planning-waves', titleKey: 'rolloutPlanning.waves.pageTitle' },
  'tuning-log': {
    view: 'phases/planning-tuning-log',
    titleKey: 'rolloutPlanning.tuning.pageTitle',
  },
  'mode-switches': {
    view: 'phases/planning-mode-switches',
    titleKey: 'rolloutPlanning.switches.pageTitle',
  },
};

/**
 * What every roll-out planning page does after EngagementPageLoader: show the page, and end a
 * posted form (303 back to the page, or the page again with the form's problem).
 */
@Injectable()
export class PlanningPageKit {
  constructor(private readonly renderer: PortalRenderer) {}

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    context: PlanningContext,
    page: PlanningPage,
    data: object,
    status: number,
  ): Promise<void> {
    const { view, titleKey } = VIEW[page];
    await this.renderer.render(request, reply, view, data, {
      titleKey,
      titleParams: { engagement: context.engagement.name },
      section: 'home',
      status,
      viewer: context.viewer,
      returnTo: planningPath(context.engagement.id, page),
    });
  }

  async show(
    request: FastifyRequest,
    reply: FastifyReply,
    context: PlanningContext,
    page: PlanningPage,
    data: PlanningPageData,
  ): Promise<void> {
    await this.render(request, reply, context, page, await data(null), 200);
  }

  /**
   * How a form on a planning page ends, for `submitForm`: 303 back to the page when taken, else
   * the page again with the problem beside the form named `form` and what was typed.
   */
  form(
    request: FastifyRequest,
    reply: FastifyReply,
    context: PlanningContext,
    page: PlanningPage,
    data: PlanningPageData,
    form: string,
    values: Record<string, string>,
  ): FormOutcome<unknown, NamedFormProblem> {
    return {
      reads: namedFormProblem(form, values),
      refused: async (problem, status) =>
        this.render(request, reply, context, page, await data(problem), status),
      done: () => this.back(reply, context.engagement.id, page),
    };
  }

  private async back(reply: FastifyReply, engagementId: string, page: PlanningPage): Promise<void> {
    await reply.header('Cache-Control', 'no-store').redirect(planningPath(engagementId, page), 303);
  }
}
