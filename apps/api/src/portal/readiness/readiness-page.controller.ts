import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { ReadinessPdfService, ReadinessService } from '@app/collaboration';
import { ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { requireUuid } from '../kit/uuid';

/**
 * An onboarding's readiness summary: a page, and the same as a PDF to share
 * (`?format=pdf`), in the reader's language and zone. Another tenant's onboarding answers 404,
 * a person of the engagement without `readiness.read` 403.
 */
@PortalController()
export class ReadinessPageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly readiness: ReadinessService,
    private readonly pdfs: ReadinessPdfService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('onboardings/:id/readiness')
  async show(
    @Param('id') id: string,
    @Query('format') format: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    requireUuid(id, 'Onboarding');
    if (format !== undefined && format !== 'html' && format !== 'pdf')
      throw new ValidationException([{ field: 'format', reason: 'must be html or pdf' }]);
    const language = this.renderer.languageFor(request, viewer);
    const reader = { language, timeZone: viewer.scope.timeZone };
    if (format === 'pdf') {
      const file = await this.pdfs.pdfOf(viewer.scope, id, reader);
      await reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'private, no-store')
        .send(file.body);
      return;
    }
    const summary = await this.readiness.summary(viewer.scope, id, reader);
    await this.renderer.render(request, reply, 'readiness/readiness', summary, {
      titleKey: 'readiness.pageTitle',
      titleParams: { customer: summary.customerName },
      section: 'onboardings',
      viewer,
    });
  }
}
