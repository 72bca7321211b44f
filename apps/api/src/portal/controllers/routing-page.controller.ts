import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { EngagementView } from '@app/identity';
import { NotificationRoutingService, ROUTING_MODES, RoutingMode } from '@app/rollout';
import { NotFoundException, ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PlainForm, RoutingForm } from '../forms/protection.forms';
import { FormProblem, ProtectionPageService } from '../protection/protection-page.service';
import { protectionPath } from '../protection/protection-input';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from './portal-controller.decorator';
import { problemOf } from '../errors/form-problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The notification routing editor and the recent detections. A new webhook secret (first
 * set-up or rotation) is shown on the page that answers the form, once, and never again.
 */
@PortalController()
export class RoutingPageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly pages: ProtectionPageService,
    private readonly routing: NotificationRoutingService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('engagements/:id/notification-routing')
  async show(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { viewer, engagement } = await this.load(request, id);
    await this.render(request, reply, viewer, engagement, null, null, 200);
  }

  @Post('engagements/:id/notification-routing')
  @UseGuards(CsrfGuard)
  async save(@Param('id') id: string, @Body() form: RoutingForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { viewer, engagement } = await this.load(request, id);
    let secret: string | null = null;
    try {
      if (!(ROUTING_MODES as readonly string[]).includes(form.mode ?? '')) {
        throw new ValidationException([{ field: 'mode', reason: `must be one of ${ROUTING_MODES.join(', ')}` }]);
      }
      const saved = await this.routing.setMode(viewer.scope, id, form.mode as RoutingMode);
      secret = 'webhookSecret' in saved ? saved.webhookSecret : null;
    } catch (error: unknown) {
      const { problem, status } = problemOf(error, { mode: form.mode ?? '' });
      await this.render(request, reply, viewer, engagement, null, problem, status);
      return;
    }
    if (secret !== null) {
      // The secret is shown now or never: render instead of redirecting.
      await this.render(request, reply, viewer, engagement, secret, null, 200);
      return;
    }
    await reply.header('Cache-Control', 'no-store').redirect(protectionPath(id, 'notification-routing'), 303);
  }

  @Post('engagements/:id/notification-routing/secret')
  @UseGuards(CsrfGuard)
  async rotate(@Param('id') id: string, @Body() _form: PlainForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { viewer, engagement } = await this.load(request, id);
    try {
      const rotated = await this.routing.rotateSecret(viewer.scope, id);
      await this.render(request, reply, viewer, engagement, rotated.webhookSecret, null, 200);
    } catch (error: unknown) {
      const { problem, status } = problemOf(error, {});
      await this.render(request, reply, viewer, engagement, null, problem, status);
    }
  }

  private async load(request: FastifyRequest, id: string): Promise<{ viewer: PortalViewer; engagement: EngagementView }> {
    const viewer = await this.viewers.require(request);
    if (!UUID.test(id)) throw new NotFoundException('Engagement');
    return { viewer, engagement: await this.pages.engagement(viewer, id) };
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    engagement: EngagementView,
    secret: string | null,
    problem: FormProblem | null,
    status: number,
  ): Promise<void> {
    reply.header('Cache-Control', 'no-store');
    await this.renderer.render(request, reply, 'notification-routing', await this.pages.routingPage(viewer, engagement, secret, problem), {
      titleKey: 'protection.routing.pageTitle',
      titleParams: { engagement: engagement.name },
      section: 'home',
      status,
      viewer,
      returnTo: protectionPath(engagement.id, 'notification-routing'),
    });
  }
}
