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
import { FormProblem, formProblem } from '../kit/form-problem';
import { FormOutcome, submitForm } from '../kit/submit-form';
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
    await submitForm(
      () => this.decisions.create(viewer.scope, id, decisionInputOf(form)),
      this.decisionForm(request, reply, viewer, engagement, values, (saved) =>
        saved.status === 'approved' ? 'recorded' : 'proposed',
      ),
    );
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
    await submitForm(
      () => this.decisions.approve(viewer.scope, id, decisionId),
      this.decisionForm(request, reply, viewer, engagement, {}, () => 'approved'),
    );
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
    await submitForm(
      async () => {
        // The role is checked first, so the wrong person hears "not yours", not "give a reason".
        if (decisionRoleOf(viewer.scope, engagement) === 'record' && reason.length < 3) {
          throw new ValidationException([
            { field: 'reason', reason: 'must be at least 3 characters' },
          ]);
        }
        await this.decisions.reject(viewer.scope, id, decisionId, reason);
      },
      this.decisionForm(request, reply, viewer, engagement, { reason }, () => 'rejected'),
    );
  }

  /** A decisions form: 303 back with its notice when taken, else the page again with why. */
  private decisionForm<R>(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    engagement: EngagementView,
    values: Record<string, string>,
    done: (result: R) => string,
  ): FormOutcome<R, FormProblem> {
    return {
      reads: formProblem(values),
      refused: (problem, status) =>
        this.render(request, reply, viewer, engagement, problem, status),
      done: async (result) => {
        await reply
          .header('Cache-Control', 'no-store')
          .redirect(`${inventoryPath(engagement.id, 'decisions')}?done=${done(result)}`, 303);
      },
    };
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
