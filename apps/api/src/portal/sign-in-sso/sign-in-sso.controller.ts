import { Body, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PortalController } from '../controllers/portal-controller.decorator';
import { LoginForm } from '../forms/login.form';
import { CsrfGuard } from '../session/csrf.guard';
import { SignInSsoPage } from './sign-in-sso-page.service';

/** "Sign in with your company account" and the provider's way back (OpenID Connect). */
@PortalController()
export class SignInSsoController {
  constructor(private readonly page: SignInSsoPage) {}

  @Post('login/sso')
  @UseGuards(CsrfGuard)
  start(@Body() form: LoginForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page.sendToProvider(request, reply, (form.email ?? '').trim());
  }

  /** No CSRF token: the provider sends the browser here; `state`, bound to this browser's session, is the check. */
  @Get('login/sso/callback')
  callback(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.page.takeBack(request, reply, query);
  }
}
