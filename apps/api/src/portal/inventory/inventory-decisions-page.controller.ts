import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { EngagementView } from '@app/identity';
import { NotFoundException, ValidationException } from '@app/platform';
import { decisionRoleOf, EndpointDecisionService } from '@app/rollout';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decisionInputOf } from './decision-input';
import { DecisionForm, RejectDecisionForm } from './inventory.forms';
import { PlainForm } from '../forms/csrf-form';
import { doneNotice, inventoryPath, parseInventoryQuery } from './inventory-input';
import { InventoryPageService, InventoryProblem } from './inventory-page.service';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalViewer } from '../session/portal-viewer.service';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { problemOf } from '../kit/form-problem';
import { UUID } from '../kit/uuid';
import { PortalController } from '../kit/portal-controller.decorator';

/**
 * Decisions on endpoints that need one: the list of those endpoints, the form to propose
 * (provider) or record (customer's security lead) a decision for the checked ones or for a
 * filter, and approve/reject for proposals. Each answers 303 back with a notice.
 */
@PortalController()
export class InventoryDecisionsPageController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly pages: InventoryPageService,
    private readonly decisions: EndpointDecisionService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('engagements/:id/inventory/decisions')
  async show(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    await this.render(request, reply, viewer, engagement, null, 200);
  }

  @Post('engagements/:id/inventory/decisions')
  @UseGuards(CsrfGuard)
  async create(
    @Param('id') id: string,
    @Body() form: DecisionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    const values = {
      target: form.target ?? '',
      kind: form.kind ?? '',
      upgradeBy: form.upgradeBy ?? '',
      note: form.note ?? '',
      site: form.site ?? '',
      osFamily: form.osFamily ?? '',
      osVersion: form.osVersion ?? '',
      supportStatus: form.supportStatus ?? '',
    };
    try {
      const saved = await this.decisions.create(viewer.scope, id, decisionInputOf(form));
      await this.back(reply, id, saved.status === 'approved' ? 'recorded' : 'proposed');
    } catch (error: unknown) {
      const { problem, status } = problemOf(error, values);
      await this.render(request, reply, viewer, engagement, problem, status);
    }
  }

  @Post('engagements/:id/inventory/decisions/:decisionId/approve')
  @UseGuards(CsrfGuard)
  async approve(
    @Param('id') id: string,
    @Param('decisionId') decisionId: string,
    @Body() _form: PlainForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    if (!UUID.test(decisionId)) throw new NotFoundException('Decision');
    try {
      await this.decisions.approve(viewer.scope, id, decisionId);
      await this.back(reply, id, 'approved');
    } catch (error: unknown) {
      const { problem, status } = problemOf(error, {});
      await this.render(request, reply, viewer, engagement, problem, status);
    }
  }

  @Post('engagements/:id/inventory/decisions/:decisionId/reject')
  @UseGuards(CsrfGuard)
  async reject(
    @Param('id') id: string,
    @Param('decisionId') decisionId: string,
    @Body() form: RejectDecisionForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    if (!UUID.test(decisionId)) throw new NotFoundException('Decision');
    const reason = (form.reason ?? '').trim();
    try {
      // The role is checked first, so the wrong person hears "not yours", not "give a reason".
      if (decisionRoleOf(viewer.scope, engagement) === 'record' && reason.length < 3) {
        throw new ValidationException([
          { field: 'reason', reason: 'must be at least 3 characters' },
        ]);
      }
      await this.decisions.reject(viewer.scope, id, decisionId, reason);
      await this.back(reply, id, 'rejected');
    } catch (error: unknown) {
      const { problem, status } = problemOf(error, { reason });
      await this.render(request, reply, viewer, engagement, problem, status);
    }
  }

  private async back(reply: FastifyReply, id: string, done: string): Promise<void> {
    await reply
      .header('Cache-Control', 'no-store')
      .redirect(`${inventoryPath(id, 'decisions')}?done=${done}`, 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    engagement: EngagementView,
    problem: InventoryProblem | null,
    status: number,
  ): Promise<void> {
    const query = request.method === 'GET' ? (request.query as Record<string, unknown>) : {};
    const language = this.renderer.languageFor(request, viewer);
    const data = await this.pages.decisionsPage(
      viewer,
      engagement,
      language,
      parseInventoryQuery(query),
      problem,
    );
    await this.renderer.render(
      request,
      reply,
      'inventory/inventory-decisions',
      { ...data, notice: doneNotice(query) },
      {
        titleKey: 'inventory.decisions.pageTitle',
        titleParams: { engagement: engagement.name },
        section: 'home',
        status,
        viewer,
        returnTo: inventoryPath(engagement.id, 'decisions'),
      },
    );
  }
}
