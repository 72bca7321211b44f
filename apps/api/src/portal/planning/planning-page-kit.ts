import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EngagementPageContext } from '../kit/engagement-page-loader.service';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { PlanningPage, planningPath } from './planning-paths';

/** A planning page's viewer, engagement and language (EngagementPageLoader loads it). */
export type PlanningContext = EngagementPageContext;

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

/** What every roll-out planning page does after EngagementPageLoader: render, redirect back. */
@Injectable()
export class PlanningPageKit {
  constructor(private readonly renderer: PortalRenderer) {}

  async render(
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

  async back(reply: FastifyReply, engagementId: string, page: PlanningPage): Promise<void> {
    await reply.header('Cache-Control', 'no-store').redirect(planningPath(engagementId, page), 303);
  }
}
