import { Body, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LanguageForm } from './language.form';
import { localPathOr } from '../rendering/local-path';
import { CsrfGuard } from '../session/csrf.guard';
import { setSessionLanguage } from '../session/portal-session';
import { PortalController } from '../kit/portal-controller.decorator';

/** The layout's language switch: the choice is kept in the session, signed in or not. */
@PortalController()
export class LanguageController {
  @Post('language')
  @UseGuards(CsrfGuard)
  async choose(
    @Body() form: LanguageForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    setSessionLanguage(request, form.language);
    await reply.redirect(localPathOr(form.returnTo, '/'), 303);
  }
}
