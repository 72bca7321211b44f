import { Inject, Injectable } from '@nestjs/common';
import { SsoSettingsService, SsoSettingsView } from '@app/identity';
import { APP_CONFIG, AppConfig, formatMoment, ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { submitForm } from '../kit/submit-form';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { setFlash } from '../session/flash';
import { PortalViewer } from '../session/portal-viewer.service';
import { SSO_CALLBACK_PATH } from './sign-in-sso-page.service';
import { SsoSettingsForm } from './sso-settings.form';

interface Problem {
  field: string;
  reason: string;
}

/** What the form showed when it is shown again with a problem (never the secret). */
interface Typed {
  issuer: string;
  clientId: string;
  emailDomains: string;
  passwordSignInDisabled: boolean;
}

/** The organisation's single sign-on page: its provider, routed domains and the password switch. */
@Injectable()
export class SsoSettingsPage {
  constructor(
    private readonly settings: SsoSettingsService,
    private readonly renderer: PortalRenderer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async show(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    organisationId: string,
  ): Promise<void> {
    const view = await this.settings.get(viewer.scope, organisationId);
    await this.render(request, reply, viewer, view, null, null, 200);
  }

  async save(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    organisationId: string,
    form: SsoSettingsForm,
  ): Promise<void> {
    const typed: Typed = {
      issuer: (form.issuer ?? '').trim(),
      clientId: (form.clientId ?? '').trim(),
      emailDomains: (form.emailDomains ?? '').trim(),
      passwordSignInDisabled: form.passwordSignInDisabled === 'on',
    };
    const settings = {
      issuer: typed.issuer,
      clientId: typed.clientId,
      clientSecret: form.clientSecret ?? null,
      emailDomains: typed.emailDomains.split(/[\s,]+/).filter((d) => d !== ''),
      passwordSignInDisabled: typed.passwordSignInDisabled,
    };
    await submitForm(() => this.settings.put(viewer.scope, organisationId, settings), {
      // The first refused field (or the whole form, told as the issuer's) beside what was typed.
      reads: (error) =>
        error instanceof ValidationException
          ? { problem: error.fields[0] ?? { field: 'issuer', reason: error.message }, status: 400 }
          : null,
      refused: async (problem, status) => {
        const view = await this.settings.get(viewer.scope, organisationId);
        await this.render(request, reply, viewer, view, problem, typed, status);
      },
      done: async () => {
        setFlash(request, { kind: 'success', key: 'ssoSaved' });
        await reply
          .header('Cache-Control', 'no-store')
          .redirect(`/organisations/${organisationId}/sign-in`, 303);
      },
    });
  }

  async remove(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    organisationId: string,
  ): Promise<void> {
    await this.settings.remove(viewer.scope, organisationId);
    setFlash(request, { kind: 'success', key: 'ssoRemoved' });
    await reply
      .header('Cache-Control', 'no-store')
      .redirect(`/organisations/${organisationId}/sign-in`, 303);
  }

  private render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    view: SsoSettingsView,
    problem: Problem | null,
    typed: Typed | null,
    status: number,
  ): Promise<void> {
    const language = this.renderer.languageFor(request, viewer);
    return this.renderer.render(
      request,
      reply,
      'sign-in-sso/settings',
      {
        ...view,
        issuer: typed?.issuer ?? view.issuer ?? '',
        clientId: typed?.clientId ?? view.clientId ?? '',
        emailDomainsText: typed?.emailDomains ?? view.emailDomains.join(', '),
        passwordSignInDisabled: typed?.passwordSignInDisabled ?? view.passwordSignInDisabled,
        organisationEmailDomainsText: view.organisationEmailDomains.join(', '),
        updatedAt: view.updatedAt
          ? formatMoment(view.updatedAt, { language, timeZone: viewer.scope.timeZone })
          : null,
        problem: problem && { ...problem, fieldKey: `signInSso.settings.field.${problem.field}` },
        // What the administrator registers at their provider as the redirect URI.
        callbackUrl: `${this.config.publicUrl}${SSO_CALLBACK_PATH}`,
      },
      {
        titleKey: 'signInSso.settings.title',
        titleParams: { organisation: view.organisationName },
        status,
        viewer,
      },
    );
  }
}
