import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { EngagementView } from '@app/identity';
import { BlockListService, PastIncidentsService } from '@app/rollout';
import { NotFoundException, ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PlainForm } from '../forms/csrf-form';
import { BlockListEntryForm, PastIncidentForm } from './protection.forms';
import { ProtectionPageService } from './protection-page.service';
import { parseDateInput, parseIndicatorLines, protectionPath } from './protection-input';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalViewer } from '../session/portal-viewer.service';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { FormProblem, formProblem } from '../kit/form-problem';
import { FormOutcome, submitForm } from '../kit/submit-form';
import { UUID } from '../kit/uuid';
import { PortalController } from '../kit/portal-controller.decorator';

/**
 * The block list (add and expire entries, export links) and the past incidents with the
 * effectiveness report. Forms post with their CSRF token; success answers 303 back to the
 * page, a refused form shows the page again with the reason and what was typed.
 */
@PortalController()
export class ProtectionPagesController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly pages: ProtectionPageService,
    private readonly blockList: BlockListService,
    private readonly incidents: PastIncidentsService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('engagements/:id/block-list')
  async blockListPage(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    await this.renderBlockList(request, reply, viewer, engagement, null, 200);
  }

  /** The export of `/api/engagements/:id/block-list.csv`, for the portal's session user. */
  @Get('engagements/:id/block-list.csv')
  async blockListCsv(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer } = await this.loader.load(request, id);
    const csv = await this.blockList.exportCsv(viewer.scope, id);
    await reply
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', `attachment; filename="block-list-${id}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  }

  /** The export of `/api/engagements/:id/block-list.json`, for the portal's session user. */
  @Get('engagements/:id/block-list.json')
  async blockListJson(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer } = await this.loader.load(request, id);
    const json = await this.blockList.exportJson(viewer.scope, id);
    await reply
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', `attachment; filename="block-list-${id}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(json));
  }

  @Post('engagements/:id/block-list')
  @UseGuards(CsrfGuard)
  async addEntry(
    @Param('id') id: string,
    @Body() form: BlockListEntryForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    const values = {
      type: form.type ?? '',
      value: form.value ?? '',
      reason: form.reason ?? '',
      expiresOn: form.expiresOn ?? '',
    };
    await submitForm(
      async () => {
        const expiresAt = parseDateInput(form.expiresOn);
        if (expiresAt === undefined)
          throw new ValidationException([
            { field: 'expiresAt', reason: 'must be a date (YYYY-MM-DD)' },
          ]);
        await this.blockList.add(viewer.scope, id, {
          type: values.type,
          value: values.value,
          reason: values.reason,
          expiresAt,
        });
      },
      this.pageForm(request, reply, viewer, engagement, 'block-list', values),
    );
  }

  @Post('engagements/:id/block-list/:entryId/expire')
  @UseGuards(CsrfGuard)
  async expireEntry(
    @Param('id') id: string,
    @Param('entryId') entryId: string,
    @Body() _form: PlainForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    if (!UUID.test(entryId)) throw new NotFoundException('Block list entry');
    await submitForm(
      () => this.blockList.expire(viewer.scope, id, entryId),
      this.pageForm(request, reply, viewer, engagement, 'block-list', {}),
    );
  }

  @Get('engagements/:id/past-incidents')
  async incidentsPage(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    await this.renderIncidents(request, reply, viewer, engagement, null, 200);
  }

  @Post('engagements/:id/past-incidents')
  @UseGuards(CsrfGuard)
  async addIncident(
    @Param('id') id: string,
    @Body() form: PastIncidentForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    const values = {
      title: form.title ?? '',
      occurredOn: form.occurredOn ?? '',
      description: form.description ?? '',
      technique: form.technique ?? '',
      indicators: form.indicators ?? '',
    };
    await submitForm(
      async () => {
        const errors = [];
        if (values.title.trim() === '')
          errors.push({ field: 'title', reason: 'must not be empty' });
        if (!parseDateInput(values.occurredOn))
          errors.push({ field: 'occurredOn', reason: 'must be a date (YYYY-MM-DD)' });
        if (values.technique.trim() === '')
          errors.push({ field: 'technique', reason: 'must not be empty' });
        if (errors.length > 0) throw new ValidationException(errors);
        await this.incidents.create(viewer.scope, id, {
          ...values,
          indicators: parseIndicatorLines(values.indicators),
        });
      },
      this.pageForm(request, reply, viewer, engagement, 'past-incidents', values),
    );
  }

  /** A form of the block list or past incidents page: 303 back, or the page again with why. */
  private pageForm(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    engagement: EngagementView,
    page: 'block-list' | 'past-incidents',
    values: Record<string, string>,
  ): FormOutcome<unknown, FormProblem> {
    return {
      reads: formProblem(values),
      refused: (problem, status) =>
        page === 'block-list'
          ? this.renderBlockList(request, reply, viewer, engagement, problem, status)
          : this.renderIncidents(request, reply, viewer, engagement, problem, status),
      done: async () => {
        await reply
          .header('Cache-Control', 'no-store')
          .redirect(protectionPath(engagement.id, page), 303);
      },
    };
  }

  private async renderBlockList(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    engagement: EngagementView,
    problem: FormProblem | null,
    status: number,
  ): Promise<void> {
    await this.renderer.render(
      request,
      reply,
      'protection/block-list',
      await this.pages.blockListPage(viewer, engagement, problem),
      {
        titleKey: 'protection.blockList.pageTitle',
        titleParams: { engagement: engagement.name },
        section: 'home',
        status,
        viewer,
        returnTo: protectionPath(engagement.id, 'block-list'),
      },
    );
  }

  private async renderIncidents(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    engagement: EngagementView,
    problem: FormProblem | null,
    status: number,
  ): Promise<void> {
    await this.renderer.render(
      request,
      reply,
      'protection/past-incidents',
      await this.pages.pastIncidentsPage(viewer, engagement, problem),
      {
        titleKey: 'protection.incidents.pageTitle',
        titleParams: { engagement: engagement.name },
        section: 'home',
        status,
        viewer,
        returnTo: protectionPath(engagement.id, 'past-incidents'),
      },
    );
  }
}
