import { Injectable } from '@nestjs/common';
import { EngagementService, EngagementView, Language } from '@app/identity';
import type { FastifyRequest } from 'fastify';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { requireUuid } from './uuid';

/** What a page of one engagement starts from. */
export interface EngagementPageContext {
  viewer: PortalViewer;
  engagement: EngagementView;
  language: Language;
}

/**
 * The one loader of an engagement's pages: the signed-in viewer (else the sign-in page), the
 * engagement through their scope (a malformed id or another tenant's answers 404) and the
 * language the page speaks.
 */
@Injectable()
export class EngagementPageLoader {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly engagements: EngagementService,
    private readonly renderer: PortalRenderer,
  ) {}

  async load(request: FastifyRequest, id: string): Promise<EngagementPageContext> {
    const viewer = await this.viewers.require(request);
    requireUuid(id, 'Engagement');
    const engagement = await this.engagements.view(viewer.scope, id);
    return { viewer, engagement, language: this.renderer.languageFor(request, viewer) };
  }
}
