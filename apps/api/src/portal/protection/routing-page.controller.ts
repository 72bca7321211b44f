import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { EngagementView } from '@app/identity';
import { NotificationRoutingService, ROUTING_MODES, RoutingMode } from '@app/rollout';
import { ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PlainForm } from '../forms/csrf-form';
import { RoutingForm } from './protection.forms';
import { ProtectionPageService } from './protection-page.service';
import { protectionPath } from './protection-input';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalViewer } from '../session/portal-viewer.service';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { FormProblem, formProblem } from '../kit/form-problem';
import { submitForm } from '../kit/submit-form';
import { PortalController } from '../kit/portal-controller.decorator';

/**
 * The notification routing editor and the recent detections. A new webhook secret (first
 * set-up or rotation) is shown on the page that answers the form, once, and never again.
 */
@PortalController()
export class RoutingPageController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly pages: ProtectionPageService,
    private readonly routing: NotificationRoutingService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('engagements/:id/notification-routing')
  async show(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    await this.render(request, reply, viewer, engagement, null, null, 200);
  }

  @Post('engagements/:id/notification-routing')
  @UseGuards(CsrfGuard)
  async save(
    @Param('id') id: string,
    @Body() form: RoutingForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    await submitForm(
      async () => {
        if (!(ROUTING_MODES as readonly string[]).includes(form.mode ?? '')) {
          throw new ValidationException([
            { field: 'mode', reason: `must be one of ${ROUTING_MODES.join(', ')}` },
          ]);
        }
        const saved = await this.routing.setMode(viewer.scope, id, form.mode as RoutingMode);
        return 'webhookSecret' in saved ? saved.webhookSecret : null;
      },
      {
        reads: formProblem({ mode: form.mode ?? '' }),
        refused: (problem, status) =>
          this.render(request, reply, viewer, engagement, null, problem, status),
        done: async (secret) => {
          // The secret is shown now or never: render instead of redirecting.
          if (secret !== null)
            return this.render(request, reply, viewer, engagement, secret, null, 200);
          await reply
            .header('Cache-Control', 'no-store')
            .redirect(protectionPath(id, 'notification-routing'), 303);
        },
      },
    );
  }

  @Post('engagements/:id/notification-routing/secret')
  @UseGuards(CsrfGuard)
  async rotate(
    @Param('id') id: string,
    @Body() _form: PlainForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    await submitForm(() => this.routing.rotateSecret(viewer.scope, id), {
      reads: formProblem({}),
      refused: (problem, status) =>
        this.render(request, reply, viewer, engagement, null, problem, status),
      done: (rotated) =>
        this.render(request, reply, viewer, engagement, rotated.webhookSecret, null, 200),
    });
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
    await this.renderer.render(
      request,
      reply,
      'protection/notification-routing',
      await this.pages.routingPage(viewer, engagement, secret, problem),
      {
        titleKey: 'protection.routing.pageTitle',
        titleParams: { engagement: engagement.name },
        section: 'home',
        status,
        viewer,
        returnTo: protectionPath(engagement.id, 'notification-routing'),
      },
    );
  }
}
