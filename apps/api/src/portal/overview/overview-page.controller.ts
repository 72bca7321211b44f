import { Get, Req, Res } from '@nestjs/common';
import { createValidationPipe, ForbiddenException } from '@app/platform';
import { OverviewService, overviewCsvLines } from '@app/workflow';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { filterOf, orderOf, OverviewQueryDto } from '../../workflow/dtos/overview.dto';
import { withoutEmpty } from './overview-links';
import { OverviewPageService } from './overview-page.service';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';

const pipe = createValidationPipe();

/**
 * The overview's query as the API validates it; empty fields of the GET form count as unset,
 * and a bad value is a 400 page naming the field.
 */
async function queryOf(request: FastifyRequest): Promise<OverviewQueryDto> {
  const raw = withoutEmpty({ ...(request.query as Record<string, unknown>) });
  return (await pipe.transform(raw, {
    type: 'query',
    metatype: OverviewQueryDto,
  })) as OverviewQueryDto;
}

/** The account manager's overview of every onboarding they follow, and its CSV download. */
@PortalController()
export class OverviewPageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly pages: OverviewPageService,
    private readonly overview: OverviewService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('overview')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    if (!this.pages.mayRead(viewer))
      throw new ForbiddenException('The overview is for provider leads and account managers');
    const page = await this.pages.build(
      viewer,
      this.renderer.languageFor(request, viewer),
      await queryOf(request),
    );
    await this.renderer.render(request, reply, 'overview/overview', page, {
      titleKey: 'overview.title',
      section: 'overview',
      viewer,
    });
  }

  /** The same CSV as GET /api/overview/export.csv, for the signed-in person's session. */
  @Get('overview/export.csv')
  async export(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    if (!this.pages.mayRead(viewer))
      throw new ForbiddenException('The overview is for provider leads and account managers');
    const query = await queryOf(request);
    const lines = overviewCsvLines(
      this.overview.all(viewer.scope, filterOf(query), orderOf(query)),
    );
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="onboarding-overview.csv"')
      .header('Cache-Control', 'no-store')
      .send(Readable.from(lines));
  }
}
