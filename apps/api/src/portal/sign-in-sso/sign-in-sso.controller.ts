import { Body, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { RateLimited } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PortalController } from '../kit/portal-controller.decorator';
import { LoginForm } from '../sign-in/login.form';
import { CsrfGuard } from '../session/csrf.guard';
import { SignInSsoPage } from './sign-in-sso-page.service';

/** What the start's limit counts: the client's address and the address typed (read before validation). */
function startKey(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `${request.ip} ${typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : ''}`;
}

/** "Sign in with your company account" and the provider's way back (OpenID Connect). */
@PortalController()
export class SignInSsoController {
  constructor(private readonly page: SignInSsoPage) {}

  /** Each start asks the provider for its metadata and keeps an attempt: ten a minute per address and client. */
  @Post('login/sso')
  @RateLimited({ bucket: 'sso-sign-in', limit: () => 10, windowSeconds: 60, key: startKey })
  @UseGuards(CsrfGuard)
  start(
    @Body() form: LoginForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.page.sendToProvider(request, reply, (form.email ?? '').trim());
  }

  /** No CSRF token: the provider sends the browser here; `state`, bound to this browser's session, is the check. */
  @Get('login/sso/callback')
  callback(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.page.takeBack(request, reply, query);
  }
}
