import { Body, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { LoginService, SecondFactorDetails, UserCredentialsService } from '@app/identity';
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
import { refusedByCode } from '../kit/refused-by-code';
import { RefusalReader, submitForm } from '../kit/submit-form';
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

/** How the login form answers each refusal of the sign-in; other errors go on to the filter. */
function loginRefusal(email: string): RefusalReader<LoginPage & { retryAfter?: number }> {
  return refusedByCode({
    INVALID_CREDENTIALS: () => ({ problem: { email, errorKey: 'login.invalid' }, status: 401 }),
    PASSWORD_SIGN_IN_DISABLED: () => ({
      problem: { email, errorKey: 'signInSso.passwordsOff' },
      status: 403,
    }),
    MFA_REQUIRED: (error) => {
      // Say what the account has: an authenticator app (the code field) and/or a passkey.
      const factors = (error.details as SecondFactorDetails | undefined)?.factors ?? ['totp'];
      const hasApp = factors.includes('totp');
      return {
        problem: {
          email,
          errorKey: hasApp ? 'login.codeRequired' : 'login.passkeyRequired',
          needsCode: hasApp,
          passkeyOptions: passkeyOptionsOf(error),
        },
        status: 401,
      };
    },
    TOO_MANY_REQUESTS: (error) => {
      const seconds = error.retryAfterSeconds ?? 60;
      return { problem: { email, ...throttleMessage(seconds), retryAfter: seconds }, status: 429 };
    },
  });
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
    await submitForm(
      async () => {
        const code = (form.code ?? '').trim();
        const user = await this.logins.signIn(email, password, requestMeta(request), code || null);
        await this.signIns.start(request, user);
      },
      {
        reads: loginRefusal(email),
        refused: async ({ retryAfter, ...page }, status) => {
          if (retryAfter) reply.header('Retry-After', String(retryAfter));
          await this.page(request, reply, page, status);
        },
        // 303: the browser follows with a GET, so a reload never re-posts the password.
        done: async () => {
          await reply.redirect('/', 303);
        },
      },
    );
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
