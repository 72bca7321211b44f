import { Body, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { DEPLOYMENT_CSV_MAX_BYTES, SensorDeploymentService } from '@app/rollout';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { openUpload, Upload, uploadedText } from '../../rollout/inventory/upload-source';
import { CsrfRejectedException } from '../errors/portal-exceptions';
import { hostnamesOf } from './deployment-input';
import { DeploymentForm } from './deployment.form';
import { PlanningContext, PlanningPageKit } from '../planning/planning-page-kit';
import { PlanningPageService } from '../planning/planning-page.service';
import { CsrfGuard, csrfTokenValid } from '../session/csrf.guard';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { NamedFormProblem, namedFormProblemOf, valuesOf } from '../kit/form-problem';
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
    try {
      await this.deployments.record(context.viewer.scope, id, records, 'portal', (i, name) =>
        name === 'hostname' ? `hostnames: ${hostnames[i]}` : name,
      );
    } catch (error: unknown) {
      const { problem, status } = namedFormProblemOf(error, form.form ?? 'deployment', values);
      return this.renderWaves(request, reply, context, problem, status);
    }
    await this.kit.back(reply, id, 'waves');
  }

  @Post('engagements/:id/waves/deployment/import')
  async importCsv(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = await this.loader.load(request, id);
    let upload: Upload;
    try {
      upload = await openUpload(request, DEPLOYMENT_CSV_MAX_BYTES);
    } catch (error: unknown) {
      const { problem, status } = namedFormProblemOf(error, 'deployment-import', {});
      return this.renderWaves(request, reply, context, problem, status);
    }
    if (!(await csrfTokenValid(request, upload.fields._csrf ?? ''))) {
      await upload.discard();
      throw new CsrfRejectedException();
    }
    try {
      await this.deployments.importCsv(context.viewer.scope, id, await uploadedText(upload.source));
    } catch (error: unknown) {
      await upload.discard();
      const { problem, status } = namedFormProblemOf(error, 'deployment-import', {});
      return this.renderWaves(request, reply, context, problem, status);
    }
    await this.kit.back(reply, id, 'waves');
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
