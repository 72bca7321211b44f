import { Body, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { DEPLOYMENT_CSV_MAX_BYTES, SensorDeploymentService } from '@app/rollout';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { discardOnError, openUpload, uploadedText } from '../../rollout/inventory/upload-source';
import { CsrfRejectedException } from '../errors/portal-exceptions';
import { hostnamesOf } from './deployment-input';
import { DeploymentForm } from './deployment.form';
import { PlanningContext, PlanningPageData, PlanningPageKit } from '../planning/planning-page-kit';
import { PlanningPageService } from '../planning/planning-page.service';
import { CsrfGuard, csrfTokenValid } from '../session/csrf.guard';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { valuesOf } from '../kit/form-problem';
import { submitForm } from '../kit/submit-form';
import { PortalController } from '../kit/portal-controller.decorator';

/**
 * Recording the sensor's deployment from the waves page: a wave's form (host names, one status,
 * a reason) or a CSV of hostname,status,reason (multipart; its CSRF token is read before the
 * file). A refused form shows the page again with why; success answers 303 back to the page.
 */
@PortalController()
export class DeploymentPagesController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly kit: PlanningPageKit,
    private readonly pages: PlanningPageService,
    private readonly deployments: SensorDeploymentService,
  ) {}

  @Post('engagements/:id/waves/deployment')
  @UseGuards(CsrfGuard)
  async record(
    @Param('id') id: string,
    @Body() form: DeploymentForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    const values = valuesOf(form);
    const hostnames = hostnamesOf(form.hostnames ?? '');
    const records = hostnames.map((hostname) => ({
      hostname,
      status: form.status ?? '',
      reason: form.reason ?? null,
    }));
    const formName = form.form ?? 'deployment';
    await submitForm(
      () =>
        this.deployments.record(context.viewer.scope, id, records, 'portal', (i, name) =>
          name === 'hostname' ? `hostnames: ${hostnames[i]}` : name,
        ),
      this.kit.form(request, reply, context, 'waves', this.wavesData(context), formName, values),
    );
  }

  @Post('engagements/:id/waves/deployment/import')
  async importCsv(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    const data = this.wavesData(context);
    await submitForm(
      async () => {
        const upload = await openUpload(request, DEPLOYMENT_CSV_MAX_BYTES);
        if (!(await csrfTokenValid(request, upload.fields._csrf ?? ''))) {
          await upload.discard();
          throw new CsrfRejectedException();
        }
        await discardOnError(upload, async () =>
          this.deployments.importCsv(context.viewer.scope, id, await uploadedText(upload.source)),
        );
      },
      this.kit.form(request, reply, context, 'waves', data, 'deployment-import', {}),
    );
  }

  private wavesData(context: PlanningContext): PlanningPageData {
    return (problem) =>
      this.pages.wavesPage(context.viewer, context.engagement, context.language, problem);
  }
}
