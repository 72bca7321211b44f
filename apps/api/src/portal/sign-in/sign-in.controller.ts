import { Body, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { LoginService, SecondFactorDetails, UserCredentialsService } from '@app/identity';
import { DomainException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../auth/request-meta';
import { LoginForm } from './login.form';
import { throttleMessage } from '../forms/throttle-message';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { endSession } from '../session/portal-session';
import { PortalSignIn } from '../session/portal-sign-in.service';
import { PortalViewerService } from '../session/portal-viewer.service';
import { SignInSsoPage } from '../sign-in-sso/sign-in-sso-page.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { passkeyOptionsOf } from '../passkeys/passkey-options-of';

interface LoginPage {
  email: string;
  /** The account has an authenticator app and no code was given. */
  needsCode?: boolean;
  /** The account has passkeys: the challenge (JSON) the second step may answer at /login/passkey. */
  passkeyOptions?: string | null;
  errorKey?: string;
  errorParams?: Record<string, unknown>;
}

/** Signing in and out of the portal with the session cookie. */
@PortalController()
export class SignInController {
  constructor(
    private readonly logins: LoginService,
    private readonly credentials: UserCredentialsService,
    private readonly viewers: PortalViewerService,
    private readonly signIns: PortalSignIn,
    private readonly renderer: PortalRenderer,
    private readonly sso: SignInSsoPage,
  ) {}

  @Get('login')
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (await this.viewers.find(request)) {
      await reply.redirect('/', 302);
      return;
    }
    await this.page(request, reply, { email: '' }, 200);
  }

  @Post('login')
  @UseGuards(CsrfGuard)
  async login(
    @Body() form: LoginForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const email = (form.email ?? '').trim();
    const password = form.password ?? '';
    // The address first: one whose organisation signs in through its provider needs no password here.
    if (email && !password && (await this.sso.routesToProvider(email)))
      return this.sso.sendToProvider(request, reply, email);
    if (!email || !password) {
      await this.page(request, reply, { email, errorKey: 'login.missing' }, 400);
      return;
    }
    try {
      const code = (form.code ?? '').trim();
      const user = await this.logins.signIn(email, password, requestMeta(request), code || null);
      await this.signIns.start(request, user);
    } catch (error: unknown) {
      if (!(error instanceof DomainException)) throw error;
      if (error.code === 'INVALID_CREDENTIALS') {
        await this.page(request, reply, { email, errorKey: 'login.invalid' }, 401);
        return;
      }
      if (error.code === 'PASSWORD_SIGN_IN_DISABLED') {
        await this.page(request, reply, { email, errorKey: 'signInSso.passwordsOff' }, 403);
        return;
      }
      if (error.code === 'MFA_REQUIRED') {
        // Say what the account has: an authenticator app (the code field) and/or a passkey.
        const factors = (error.details as SecondFactorDetails | undefined)?.factors ?? ['totp'];
        const hasApp = factors.includes('totp');
        await this.page(
          request,
          reply,
          {
            email,
            errorKey: hasApp ? 'login.codeRequired' : 'login.passkeyRequired',
            needsCode: hasApp,
            passkeyOptions: passkeyOptionsOf(error),
          },
          401,
        );
        return;
      }
      if (error.code === 'TOO_MANY_REQUESTS') {
        const seconds = error.retryAfterSeconds ?? 60;
        reply.header('Retry-After', String(seconds));
        await this.page(request, reply, { email, ...throttleMessage(seconds) }, 429);
        return;
      }
      throw error;
    }
    // 303: the browser follows with a GET, so a reload never re-posts the password.
    await reply.redirect('/', 303);
  }

  /** Ends every session and token of the person (not only this browser's), then this cookie. */
  @Post('logout')
  @UseGuards(CsrfGuard)
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.find(request);
    if (viewer) await this.credentials.signOut(viewer.scope);
    endSession(request);
    await reply.header('Cache-Control', 'no-store').redirect('/login', 303);
  }

  private page(
    request: FastifyRequest,
    reply: FastifyReply,
    page: LoginPage,
    status: number,
  ): Promise<void> {
    return this.renderer.render(request, reply, 'sign-in/login', page, {
      titleKey: 'login.title',
      section: 'login',
      status,
      viewer: null,
      returnTo: '/login',
    });
  }
}
