import { Inject, Injectable } from '@nestjs/common';
import { OidcSignInService, SsoSignInRefused } from '@app/identity';
import { APP_CONFIG, AppConfig } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestMeta } from '../../auth/request-meta';
import { submitForm } from '../kit/submit-form';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { PortalSignIn } from '../session/portal-sign-in.service';
import { rememberPendingSignIn, takePendingSignIn } from './pending-sign-in-session';

export const SSO_CALLBACK_PATH = '/login/sso/callback';

/**
 * The pages of sign-in through the organisation's own provider: sending the person there (from
 * the company sign-in button, or the login form posted with an address and no password) and
 * taking them back. The session it starts is a portal session like a password's, recorded as
 * `sso`: no authenticator code is asked, and it meets an MFA policy (mfaSatisfied; the provider
 * is responsible for the second factor).
 */
@Injectable()
export class SignInSsoPage {
  constructor(
    private readonly oidc: OidcSignInService,
    private readonly signIns: PortalSignIn,
    private readonly renderer: PortalRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Sends the person to their provider, or answers the login page saying why not. The provider's
   * URL is given by a page that refreshes to it, not by a redirect: the CSP's `form-action 'self'`
   * also covers a form's redirects, and the provider is another origin.
   */
  async sendToProvider(request: FastifyRequest, reply: FastifyReply, email: string): Promise<void> {
    if (!email) return this.loginPage(request, reply, email, 'login.missing', 400);
    let started: Awaited<ReturnType<OidcSignInService['begin']>>;
    // Not a refused form: the provider could not be reached, so the try stays.
    try {
      started = await this.oidc.begin(email, this.redirectUri());
    } catch {
      // The provider's discovery document could not be read, or its secret does not open.
      return this.loginPage(request, reply, email, 'signInSso.unavailable', 503);
    }
    if (!started) return this.loginPage(request, reply, email, 'signInSso.notConfigured', 400);
    rememberPendingSignIn(request, started.pending);
    await this.renderer.render(
      request,
      reply,
      'sign-in-sso/redirect',
      { url: started.url },
      { titleKey: 'signInSso.redirectTitle', viewer: null, refreshTo: started.url },
    );
  }

  /** The provider's answer: signs the person in, or the login page with the reason it was refused. */
  async takeBack(
    request: FastifyRequest,
    reply: FastifyReply,
    query: Record<string, unknown>,
  ): Promise<void> {
    const params = Object.fromEntries(
      Object.entries(query).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
    const pending = takePendingSignIn(request);
    await submitForm(
      async () => {
        const user = await this.oidc.complete(
          pending,
          params,
          this.redirectUri(),
          requestMeta(request),
        );
        await this.signIns.start(request, user, 'sso');
      },
      {
        reads: (error) =>
          error instanceof SsoSignInRefused
            ? { problem: `signInSso.refused.${error.reason}`, status: 403 }
            : null,
        refused: (errorKey, status) => this.loginPage(request, reply, '', errorKey, status),
        done: async () => {
          await reply.header('Cache-Control', 'no-store').redirect('/', 303);
        },
      },
    );
  }

  /** Whether an address signs in through a provider (the login form then needs no password). */
  routesToProvider(email: string): Promise<boolean> {
    return this.oidc.routes(email);
  }

  loginPage(
    request: FastifyRequest,
    reply: FastifyReply,
    email: string,
    errorKey: string,
    status: number,
  ): Promise<void> {
    return this.renderer.render(
      request,
      reply,
      'sign-in/login',
      { email, errorKey },
      { titleKey: 'login.title', section: 'login', status, viewer: null, returnTo: '/login' },
    );
  }

  private redirectUri(): string {
    return `${this.config.publicUrl}${SSO_CALLBACK_PATH}`;
  }
}
