import { Inject, Injectable } from '@nestjs/common';
import { Language, LANGUAGES } from '@app/identity';
import { APP_CONFIG, AppConfig, UTC_READER_ZONE } from '@app/platform';
import { mayReadOverview } from '@app/workflow';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseLanguage, htmlLang } from '../i18n/choose-language';
import { LANGUAGE_NAMES } from '../i18n/language-names';
import { translate } from '../i18n/translate';
import { renderFlash, takeFlash } from '../session/flash';
import { sessionLanguage } from '../session/portal-session';
import { PortalViewer, PortalViewerService } from '../session/portal-viewer.service';
import { localPathOr } from './local-path';
import { UrgentApprovalBanner } from '../incidents/urgent-approval-banner';

export type PortalSection = 'home' | 'onboardings' | 'overview' | 'mailbox' | 'login';

export interface PageOptions {
  /** Catalog key of the page's title (the `<title>` and, by convention, its `<h1>`). */
  titleKey: string;
  /** Placeholders of the title's message, e.g. the customer's name. */
  titleParams?: Record<string, string | number>;
  status?: number;
  /** Which navigation entry is current. */
  section?: PortalSection;
  /** Where the language switch comes back to; the current URL unless given. */
  returnTo?: string;
  /** The signed-in person when the caller has them; otherwise looked up from the session. */
  viewer?: PortalViewer | null;
  /**
   * On a page reached by an emailed link (no sign-in): the recipient's language and time zone,
   * used unless the person chose a language here.
   */
  recipient?: { language: Language; timeZone: string } | null;
  /** Another site the page sends the browser on to at once (a `<meta>` refresh in the head). */
  refreshTo?: string;
}

/**
 * Renders a page inside the layout with what every page needs: its language (and `<html
 * lang>`), a fresh CSRF token for the layout's forms, the signed-in person, the navigation, the
 * one-time message (flash) a form's redirect left in the session, and the banner of response
 * actions waiting for the person's decision.
 * A page's own data is under `page` so it never collides with these.
 */
@Injectable()
export class PortalRenderer {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly viewers: PortalViewerService,
    private readonly urgentApprovals: UrgentApprovalBanner,
  ) {}

  /** `page` is a template under views/pages named by its feature, e.g. `incidents/incident`. */
  async render(
    request: FastifyRequest,
    reply: FastifyReply,
    page: string,
    data: object,
    options: PageOptions,
  ): Promise<void> {
    const viewer = options.viewer !== undefined ? options.viewer : await this.viewerOrNull(request);
    const language = this.languageFor(request, viewer, options.recipient?.language ?? null);
    // Times on the page are in the reader's zone: the signed-in person's, or the link's recipient's.
    const timeZone = viewer?.scope.timeZone ?? options.recipient?.timeZone ?? UTC_READER_ZONE;
    // The message a form's redirect left for this page; shown once, whichever page comes next.
    const flash = takeFlash(request);
    const html = await reply.viewAsync(`pages/${page}.hbs`, {
      page: data,
      language,
      timeZone,
      htmlLang: htmlLang(language),
      titleKey: options.titleKey,
      titleText: translate(language, options.titleKey, options.titleParams ?? {}),
      flash: flash && renderFlash(language, flash),
      // Response actions waiting for this person's decision: a banner on every page they open.
      urgentApprovals: await this.urgentApprovals.of(viewer, language),
      section: options.section ?? null,
      refreshTo: options.refreshTo ?? null,
      csrfToken: reply.generateCsrf(),
      returnTo: localPathOr(options.returnTo ?? request.url, '/'),
      embedded: this.config.mode === 'embedded',
      // Plain data only: templates never see the AccessScope.
      viewer: viewer && {
        displayName: viewer.displayName,
        email: viewer.email,
        roles: viewer.roles,
        organisation: viewer.organisation,
        // The navigation's overview link: for those who follow many customers' onboardings.
        readsOverview: mayReadOverview(viewer.scope),
      },
      languages: LANGUAGES.map((code) => ({
        code,
        htmlLang: htmlLang(code),
        name: LANGUAGE_NAMES[code],
        current: code === language,
      })),
    });
    await reply
      .code(options.status ?? 200)
      // Pages carry CSRF tokens and customer data: never keep them in a shared cache.
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      // Encoded once here: a string would be scanned for its Content-Length and then encoded
      // again on the write (a long page's two passes over its text).
      .send(Buffer.from(html, 'utf8'));
  }

  languageFor(
    request: FastifyRequest,
    viewer: PortalViewer | null,
    recipient: Language | null = null,
  ): Language {
    return chooseLanguage({
      session: sessionLanguage(request),
      user: viewer?.language ?? null,
      recipient,
      acceptLanguage: request.headers['accept-language'],
    });
  }

  /** An error page must render even when the session's user cannot be loaded. */
  private async viewerOrNull(request: FastifyRequest): Promise<PortalViewer | null> {
    // Not a form: whatever failed is already being answered by this error page.
    try {
      return await this.viewers.find(request);
    } catch {
      return null;
    }
  }
}
