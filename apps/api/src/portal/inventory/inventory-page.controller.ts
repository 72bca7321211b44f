import { Body, Get, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { EngagementView } from '@app/identity';
import { APP_CONFIG, AppConfig, DomainException } from '@app/platform';
import { EndpointClassificationService, EndpointImportService, ImportReport } from '@app/rollout';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { openUpload, Upload } from '../../rollout/inventory/upload-source';
import { CsrfRejectedException } from '../errors/portal-exceptions';
import { PlainForm } from '../forms/csrf-form';
import { doneNotice, inventoryPath, parseInventoryQuery } from './inventory-input';
import { InventoryPageService, InventoryProblem } from './inventory-page.service';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard, csrfTokenValid } from '../session/csrf.guard';
import { PortalViewer } from '../session/portal-viewer.service';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { problemOf } from '../kit/form-problem';
import { PortalController } from '../kit/portal-controller.decorator';

/** An import the service refused: its report when it read the file, else the reason. */
function refusedImport(error: unknown): {
  report: ImportReport | null;
  problem: InventoryProblem | null;
  status: number;
} {
  if (
    error instanceof DomainException &&
    error.code === 'IMPORT_ROWS_INVALID' &&
    isReport(error.details)
  ) {
    return { report: error.details, problem: null, status: 400 };
  }
  if (error instanceof DomainException && error.code === 'PAYLOAD_TOO_LARGE') {
    return { report: null, problem: { key: 'tooLarge', fields: [], values: {} }, status: 413 };
  }
  return { report: null, ...problemOf(error, {}) };
}

function isReport(details: unknown): details is ImportReport {
  return (
    typeof details === 'object' && details !== null && 'problems' in details && 'rows' in details
  );
}

/**
 * The endpoint inventory page: the support chart, the filtered list, the CSV upload (its report
 * is the answer to the upload) and re-classification. The upload is multipart, so its CSRF token
 * is the form's first field, read from the stream before the file and checked before any row is.
 */
@PortalController()
export class InventoryPageController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly pages: InventoryPageService,
    private readonly imports: EndpointImportService,
    private readonly classification: EndpointClassificationService,
    private readonly renderer: PortalRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('engagements/:id/inventory')
  async show(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    await this.render(request, reply, viewer, engagement, null, null, 200);
  }

  @Post('engagements/:id/inventory/import')
  async upload(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    let upload: Upload;
    try {
      upload = await openUpload(request, this.config.importMaxBytes);
    } catch (error: unknown) {
      const { problem, status } = problemOf(error, {});
      await this.render(request, reply, viewer, engagement, null, problem, status);
      return;
    }
    if (!(await csrfTokenValid(request, upload.fields._csrf ?? ''))) {
      await upload.discard();
      throw new CsrfRejectedException();
    }
    try {
      const report = await this.imports.importForScope(
        viewer.scope,
        id,
        () => Promise.resolve(upload),
        {
          skipInvalid: upload.fields.skipInvalid === 'true',
        },
      );
      await this.render(request, reply, viewer, engagement, report, null, 200);
    } catch (error: unknown) {
      await upload.discard();
      const refused = refusedImport(error);
      await this.render(
        request,
        reply,
        viewer,
        engagement,
        refused.report,
        refused.problem,
        refused.status,
      );
    }
  }

  @Post('engagements/:id/inventory/classify')
  @UseGuards(CsrfGuard)
  async classify(
    @Param('id') id: string,
    @Body() _form: PlainForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    try {
      const done = await this.classification.reclassify(viewer.scope, id);
      const query = new URLSearchParams({
        done: 'classified',
        endpoints: String(done.endpoints),
        changed: String(done.changed),
      });
      await reply
        .header('Cache-Control', 'no-store')
        .redirect(`${inventoryPath(id)}?${query.toString()}`, 303);
    } catch (error: unknown) {
      const { problem, status } = problemOf(error, {});
      await this.render(request, reply, viewer, engagement, null, problem, status);
    }
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    engagement: EngagementView,
    report: ImportReport | null,
    problem: InventoryProblem | null,
    status: number,
  ): Promise<void> {
    const query = request.method === 'GET' ? (request.query as Record<string, unknown>) : {};
    const language = this.renderer.languageFor(request, viewer);
    const data = await this.pages.inventoryPage(
      viewer,
      engagement,
      language,
      parseInventoryQuery(query),
      report,
      problem,
    );
    await this.renderer.render(
      request,
      reply,
      'inventory/inventory',
      { ...data, notice: doneNotice(query) },
      {
        titleKey: 'inventory.endpoints.pageTitle',
        titleParams: { engagement: engagement.name },
        section: 'home',
        status,
        viewer,
        returnTo: inventoryPath(engagement.id),
      },
    );
  }
}
