import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { GroupsService, SiteBandwidthService, WavesService } from '@app/rollout';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GroupForm, PolicyForm, SiteFiguresForm } from './planning.forms';
import { groupFromForm, policyFromForm, siteFiguresFromForm } from './planning-input';
import { PlanningContext, PlanningPageData, PlanningPageKit } from './planning-page-kit';
import { PlanningPageService } from './planning-page.service';
import { CsrfGuard } from '../session/csrf.guard';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { valuesOf } from '../kit/form-problem';
import { submitForm } from '../kit/submit-form';
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
    const context = await this.loader.load(request, id);
    await this.kit.show(request, reply, context, 'groups', this.groupsData(context));
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
    await submitForm(
      () =>
        this.groups.create(context.viewer.scope, id, {
          ...groupFromForm(values),
          policy: policyFromForm(values),
        }),
      this.kit.form(request, reply, context, 'groups', this.groupsData(context), 'create', values),
    );
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
    await submitForm(
      () => this.groups.update(context.viewer.scope, id, groupId, groupFromForm(values)),
      this.kit.form(request, reply, context, 'groups', this.groupsData(context), groupId, values),
    );
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
    const data = this.groupsData(context);
    await submitForm(
      () => this.groups.setPolicy(context.viewer.scope, id, groupId, policyFromForm(values)),
      this.kit.form(request, reply, context, 'groups', data, `policy:${groupId}`, values),
    );
  }

  @Get('engagements/:id/waves')
  async wavesPage(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    await this.kit.show(request, reply, context, 'waves', this.wavesData(context));
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
    const site = values.site ?? '';
    const data = this.wavesData(context);
    await submitForm(
      () => this.sites.put(context.viewer.scope, id, site, siteFiguresFromForm(values)),
      this.kit.form(request, reply, context, 'waves', data, `site:${site}`, values),
    );
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

  private groupsData(context: PlanningContext): PlanningPageData {
    return (problem) =>
      this.pages.groupsPage(context.viewer, context.engagement, context.language, problem);
  }

  private wavesData(context: PlanningContext): PlanningPageData {
    return (problem) =>
      this.pages.wavesPage(context.viewer, context.engagement, context.language, problem);
  }
}
