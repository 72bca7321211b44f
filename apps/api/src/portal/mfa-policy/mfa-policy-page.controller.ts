import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidParam } from '../../common/uuid-param';
import { PortalController } from '../kit/portal-controller.decorator';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalViewerService } from '../session/portal-viewer.service';
import { MfaPolicyForm } from './mfa-policy.form';
import { MfaPolicyPageService } from './mfa-policy-page.service';

/**
 * An organisation's "require MFA for all users": shown to whoever sees the organisation,
 * switched by its lead or a platform admin (another tenant's organisation: 404).
 */
@PortalController()
export class MfaPolicyPageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly pages: MfaPolicyPageService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('organisations/:id/mfa-policy')
  async show(
    @Param('id', uuidParam('id')) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const page = await this.pages.page(viewer, id);
    await this.renderer.render(request, reply, 'mfa-policy/mfa-policy', page, {
      titleKey: 'mfaPolicy.title',
      viewer,
    });
  }

  @Post('organisations/:id/mfa-policy')
  @UseGuards(CsrfGuard)
  async set(
    @Param('id', uuidParam('id')) id: string,
    @Body() form: MfaPolicyForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    // The page that follows shows the new state (and who still lacks a second factor).
    await this.pages.set(viewer, id, form.requireMfa === 'true');
    await reply
      .header('Cache-Control', 'no-store')
      .redirect(`/organisations/${id}/mfa-policy`, 303);
  }
}
