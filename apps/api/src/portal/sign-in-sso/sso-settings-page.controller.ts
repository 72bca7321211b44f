import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uuidParam } from '../../common/uuid-param';
import { PortalController } from '../kit/portal-controller.decorator';
import { CsrfGuard } from '../session/csrf.guard';
import { PortalViewerService } from '../session/portal-viewer.service';
import { SsoSettingsForm } from './sso-settings.form';
import { SsoSettingsPage } from './sso-settings-page.service';

/** An organisation's single sign-on settings (its security lead or provider lead, or a platform admin). */
@PortalController()
export class SsoSettingsPageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly page: SsoSettingsPage,
  ) {}

  @Get('organisations/:id/sign-in')
  async show(
    @Param('id', uuidParam('id')) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.page.show(request, reply, await this.viewers.require(request), id);
  }

  @Post('organisations/:id/sign-in')
  @UseGuards(CsrfGuard)
  async save(
    @Param('id', uuidParam('id')) id: string,
    @Body() form: SsoSettingsForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.page.save(request, reply, await this.viewers.require(request), id, form);
  }

  @Post('organisations/:id/sign-in/remove')
  @UseGuards(CsrfGuard)
  async remove(
    @Param('id', uuidParam('id')) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.page.remove(request, reply, await this.viewers.require(request), id);
  }
}
