import { Injectable } from '@nestjs/common';
import { EngagementView, Language } from '@app/identity';
import { NotFoundException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { PlanningPageService } from './planning-page.service';
import { PlanningPage, planningPath } from './planning-paths';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PlanningContext {
  viewer: PortalViewer;
  engagement: EngagementView;
  language: Language;
}

const VIEW: Record<PlanningPage, { view: string; titleKey: string }> = {
  groups: { view: 'planning-groups', titleKey: 'rolloutPlanning.groups.pageTitle' },
  waves: { view: 'planning-waves', titleKey: 'rolloutPlanning.waves.pageTitle' },
  'tuning-log': { view: 'planning-tuning-log', titleKey: 'rolloutPlanning.tuning.pageTitle' },
  'mode-switches': { view: 'planning-mode-switches', titleKey: 'rolloutPlanning.switches.pageTitle' },
};

/** What every roll-out planning page does: find the viewer and engagement, render, redirect back. */
@Injectable()
export class PlanningPageKit {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly pages: PlanningPageService,
    private readonly renderer: PortalRenderer,
  ) {}

  /** The signed-in viewer and the engagement they can see (another tenant's is 404). */
  async load(request: FastifyRequest, id: string): Promise<PlanningContext> {
    const viewer = await this.viewers.require(request);
    if (!UUID.test(id)) throw new NotFoundException('Engagement');
    const engagement = await this.pages.engagement(viewer, id);
    return { viewer, engagement, language: this.renderer.languageFor(request, viewer) };
  }

  requireUuid(value: string, what: string): void {
    if (!UUID.test(value)) throw new NotFoundException(what);
  }

  async render(request: FastifyRequest, reply: FastifyReply, context: PlanningContext, page: PlanningPage, data: object, status: number): Promise<void> {
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
