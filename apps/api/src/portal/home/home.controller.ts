import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HomeViewService } from './home-view.service';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';

/** The signed-in person's start page, different per role. */
@PortalController()
export class HomeController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly home: HomeViewService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    const view = await this.home.build(viewer, this.renderer.languageFor(request, viewer));
    await this.renderer.render(request, reply, 'home/home', view, {
      titleKey: 'home.title',
      section: 'home',
      viewer,
    });
  }
}
