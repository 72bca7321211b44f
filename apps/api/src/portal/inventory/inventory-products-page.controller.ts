import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { EngagementView } from '@app/identity';
import { ValidationException } from '@app/platform';
import {
  PLAN_ACTIONS,
  PlanAction,
  ROLLOUT_PHASES,
  RolloutPhase,
  SecurityProductsService,
} from '@app/rollout';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProductPlanForm } from './inventory.forms';
import { doneNotice, inventoryPath } from './inventory-input';
import { InventoryPageService, InventoryProblem } from './inventory-page.service';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalViewer } from '../session/portal-viewer.service';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { formProblem } from '../kit/form-problem';
import { submitForm } from '../kit/submit-form';
import { PortalController } from '../kit/portal-controller.decorator';

/** The security products found in the inventory, with a coexist/remove plan form for each. */
@PortalController()
export class InventoryProductsPageController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly pages: InventoryPageService,
    private readonly products: SecurityProductsService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('engagements/:id/inventory/products')
  async show(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    await this.render(request, reply, viewer, engagement, null, 200);
  }

  @Post('engagements/:id/inventory/products/plan')
  @UseGuards(CsrfGuard)
  async plan(
    @Param('id') id: string,
    @Body() form: ProductPlanForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    const values = {
      product: form.product ?? '',
      action: form.action ?? '',
      removePhase: form.removePhase ?? '',
      quarantines: form.quarantines ?? '',
      note: form.note ?? '',
    };
    await submitForm(
      async () => {
        const errors: { field: string; reason: string }[] = [];
        if (values.product.trim() === '') errors.push({ field: 'product', reason: 'is required' });
        if (!(PLAN_ACTIONS as readonly string[]).includes(values.action))
          errors.push({ field: 'action', reason: `must be one of ${PLAN_ACTIONS.join(', ')}` });
        if (
          values.removePhase &&
          !(ROLLOUT_PHASES as readonly string[]).includes(values.removePhase)
        ) {
          errors.push({
            field: 'removePhase',
            reason: `must be one of ${ROLLOUT_PHASES.join(', ')}`,
          });
        }
        if (values.quarantines !== 'yes' && values.quarantines !== 'no')
          errors.push({ field: 'quarantines', reason: 'must be one of yes, no' });
        if (errors.length) throw new ValidationException(errors);
        await this.products.setPlan(viewer.scope, id, {
          product: values.product,
          action: values.action as PlanAction,
          removePhase:
            values.action === 'remove' && values.removePhase
              ? (values.removePhase as RolloutPhase)
              : null,
          quarantines: values.quarantines === 'yes',
          note: values.note.trim(),
        });
      },
      {
        reads: formProblem(values),
        refused: (problem, status) =>
          this.render(request, reply, viewer, engagement, problem, status),
        done: async () => {
          await reply
            .header('Cache-Control', 'no-store')
            .redirect(`${inventoryPath(id, 'products')}?done=planSaved`, 303);
        },
      },
    );
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
    const data = await this.pages.productsPage(viewer, engagement, language, problem);
    await this.renderer.render(
      request,
      reply,
      'inventory/inventory-products',
      { ...data, notice: doneNotice(query) },
      {
        titleKey: 'inventory.products.pageTitle',
        titleParams: { engagement: engagement.name },
        section: 'home',
        status,
        viewer,
        returnTo: inventoryPath(engagement.id, 'products'),
      },
    );
  }
}
