import { Body, Get, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { EngagementView } from '@app/identity';
import { APP_CONFIG, AppConfig, DomainException } from '@app/platform';
import { EndpointClassificationService, EndpointImportService, ImportReport } from '@app/rollout';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { discardOnError, openUpload } from '../../rollout/inventory/upload-source';
import { CsrfRejectedException } from '../errors/portal-exceptions';
import { PlainForm } from '../forms/csrf-form';
import { doneNotice, inventoryPath, parseInventoryQuery } from './inventory-input';
import { InventoryPageService, InventoryProblem } from './inventory-page.service';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard, csrfTokenValid } from '../session/csrf.guard';
import { PortalViewer } from '../session/portal-viewer.service';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { formProblem } from '../kit/form-problem';
import { Refused, submitForm } from '../kit/submit-form';
import { PortalController } from '../kit/portal-controller.decorator';

/** A refused import as the page shows it: its report when the service read the file, else why. */
interface RefusedImport {
  report: ImportReport | null;
  problem: InventoryProblem | null;
}

function refusedImport(error: unknown): Refused<RefusedImport> | null {
  if (
    error instanceof DomainException &&
    error.code === 'IMPORT_ROWS_INVALID' &&
    isReport(error.details)
  ) {
    return { problem: { report: error.details, problem: null }, status: 400 };
  }
  if (error instanceof DomainException && error.code === 'PAYLOAD_TOO_LARGE') {
    const problem = { key: 'tooLarge' as const, fields: [], values: {} };
    return { problem: { report: null, problem }, status: 413 };
  }
  const refused = formProblem({})(error);
  return refused && { problem: { report: null, problem: refused.problem }, status: refused.status };
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
    await submitForm(
      async () => {
        const upload = await openUpload(request, this.config.importMaxBytes);
        if (!(await csrfTokenValid(request, upload.fields._csrf ?? ''))) {
          await upload.discard();
          throw new CsrfRejectedException();
        }
        return discardOnError(upload, () =>
          this.imports.importForScope(viewer.scope, id, () => Promise.resolve(upload), {
            skipInvalid: upload.fields.skipInvalid === 'true',
          }),
        );
      },
      {
        reads: refusedImport,
        refused: ({ report, problem }, status) =>
          this.render(request, reply, viewer, engagement, report, problem, status),
        done: (report) => this.render(request, reply, viewer, engagement, report, null, 200),
      },
    );
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
    await submitForm(() => this.classification.reclassify(viewer.scope, id), {
      reads: formProblem({}),
      refused: (problem, status) =>
        this.render(request, reply, viewer, engagement, null, problem, status),
      done: async (done) => {
        const query = new URLSearchParams({
          done: 'classified',
          endpoints: String(done.endpoints),
          changed: String(done.changed),
        });
        await reply
          .header('Cache-Control', 'no-store')
          .redirect(`${inventoryPath(id)}?${query.toString()}`, 303);
      },
    });
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
