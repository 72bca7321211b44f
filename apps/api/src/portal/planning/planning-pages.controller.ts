import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { GroupsService, SiteBandwidthService, WavesService } from '@app/rollout';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GroupForm, PolicyForm, SiteFiguresForm } from './planning.forms';
import { groupFromForm, policyFromForm, siteFiguresFromForm } from './planning-input';
import { PlanningContext, PlanningPageKit } from './planning-page-kit';
import { PlanningPageService } from './planning-page.service';
import { CsrfGuard } from '../session/csrf.guard';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { NamedFormProblem, namedFormProblemOf, valuesOf } from '../kit/form-problem';
import { PortalController } from '../kit/portal-controller.decorator';
import { requireUuid } from '../kit/uuid';

/**
 * Groups and policies (with coverage and the three planning checks) and the update waves (site
 * bandwidth forms, the waves, the CSV for the session's user). A refused form shows the page
 * again with the reason and what was typed; success answers 303 back to the page.
 */
@PortalController()
export class PlanningPagesController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly kit: PlanningPageKit,
    private readonly pages: PlanningPageService,
    private readonly groups: GroupsService,
    private readonly sites: SiteBandwidthService,
    private readonly waves: WavesService,
  ) {}

  @Get('engagements/:id/groups')
  async groupsPage(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderGroups(request, reply, await this.loader.load(request, id), null, 200);
  }

  @Post('engagements/:id/groups')
  @UseGuards(CsrfGuard)
  async createGroup(
    @Param('id') id: string,
    @Body() form: GroupForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    const values = valuesOf(form);
    try {
      const group = groupFromForm(values);
      await this.groups.create(context.viewer.scope, id, {
        ...group,
        policy: policyFromForm(values),
      });
    } catch (error: unknown) {
      const { problem, status } = namedFormProblemOf(error, 'create', values);
      return this.renderGroups(request, reply, context, problem, status);
    }
    await this.kit.back(reply, id, 'groups');
  }

  @Post('engagements/:id/groups/:groupId')
  @UseGuards(CsrfGuard)
  async editGroup(
    @Param('id') id: string,
    @Param('groupId') groupId: string,
    @Body() form: GroupForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    requireUuid(groupId, 'Group');
    const values = valuesOf(form);
    try {
      await this.groups.update(context.viewer.scope, id, groupId, groupFromForm(values));
    } catch (error: unknown) {
      const { problem, status } = namedFormProblemOf(error, groupId, values);
      return this.renderGroups(request, reply, context, problem, status);
    }
    await this.kit.back(reply, id, 'groups');
  }

  @Post('engagements/:id/groups/:groupId/policy')
  @UseGuards(CsrfGuard)
  async setPolicy(
    @Param('id') id: string,
    @Param('groupId') groupId: string,
    @Body() form: PolicyForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    requireUuid(groupId, 'Group');
    const values = valuesOf(form);
    try {
      await this.groups.setPolicy(context.viewer.scope, id, groupId, policyFromForm(values));
    } catch (error: unknown) {
      const { problem, status } = namedFormProblemOf(error, `policy:${groupId}`, values);
      return this.renderGroups(request, reply, context, problem, status);
    }
    await this.kit.back(reply, id, 'groups');
  }

  @Get('engagements/:id/waves')
  async wavesPage(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.renderWaves(request, reply, await this.loader.load(request, id), null, 200);
  }

  @Post('engagements/:id/waves/sites')
  @UseGuards(CsrfGuard)
  async setSite(
    @Param('id') id: string,
    @Body() form: SiteFiguresForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    const values = valuesOf(form);
    try {
      await this.sites.put(
        context.viewer.scope,
        id,
        values.site ?? '',
        siteFiguresFromForm(values),
      );
    } catch (error: unknown) {
      const { problem, status } = namedFormProblemOf(error, `site:${values.site ?? ''}`, values);
      return this.renderWaves(request, reply, context, problem, status);
    }
    await this.kit.back(reply, id, 'waves');
  }

  /** The waves CSV of `/api/engagements/:id/waves.csv`, for the portal's session user. */
  @Get('engagements/:id/waves.csv')
  async wavesCsv(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer } = await this.loader.load(request, id);
    const csv = await this.waves.csv(viewer.scope, id);
    await reply
      .header('Cache-Control', 'no-store')
      .header('Content-Disposition', 'attachment; filename="update-waves.csv"')
      .type('text/csv; charset=utf-8')
      .send(csv);
  }

  private async renderGroups(
    request: FastifyRequest,
    reply: FastifyReply,
    context: PlanningContext,
    problem: NamedFormProblem | null,
    status: number,
  ): Promise<void> {
    const data = await this.pages.groupsPage(
      context.viewer,
      context.engagement,
      context.language,
      problem,
    );
    await this.kit.render(request, reply, context, 'groups', data, status);
  }

  private async renderWaves(
    request: FastifyRequest,
    reply: FastifyReply,
    context: PlanningContext,
    problem: NamedFormProblem | null,
    status: number,
  ): Promise<void> {
    const data = await this.pages.wavesPage(
      context.viewer,
      context.engagement,
      context.language,
      problem,
    );
    await this.kit.render(request, reply, context, 'waves', data, status);
  }
}
