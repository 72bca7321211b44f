import { Body, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { can, PreferencesService, UserService } from '@app/identity';
import { Clock, formatMoment, isTimeZone, ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountForm } from './account.form';
import { LANGUAGE_NAMES } from '../i18n/language-names';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { setFlash } from '../session/flash';
import { setSessionLanguage } from '../session/portal-session';
import { PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { submitForm } from '../kit/submit-form';

/** Zones most people of the portal's customers pick, offered first; every IANA zone follows. */
const COMMON_ZONES = [
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'Asia/Seoul',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

/** The signed-in person's own settings: the language of pages and mails, the zone times are shown in. */
@PortalController()
export class AccountController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly users: UserService,
    private readonly preferences: PreferencesService,
    private readonly renderer: PortalRenderer,
    private readonly clock: Clock,
  ) {}

  @Get('account')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.render(request, reply, null, 200);
  }

  @Post('account')
  @UseGuards(CsrfGuard)
  async save(
    @Body() form: AccountForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const timeZone = (form.timeZone ?? '').trim();
    const preferences = { language: form.language, timeZone: timeZone === '' ? null : timeZone };
    await submitForm(() => this.preferences.update(viewer.scope, preferences), {
      reads: (error) =>
        error instanceof ValidationException
          ? { problem: 'preferences.invalid', status: 400 }
          : null,
      refused: (problemKey, status) => this.render(request, reply, problemKey, status),
      done: async (saved) => {
        // The switch in the header follows the saved language from now on.
        setSessionLanguage(request, saved.language);
        setFlash(request, { kind: 'success', key: 'account.saved' });
        await reply.header('Cache-Control', 'no-store').redirect('/account', 303);
      },
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    problemKey: string | null,
    status: number,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const user = await this.users.view(viewer.userId);
    const chosen = (await this.preferences.chosenTimeZone(viewer.userId)) ?? '';
    const language = this.renderer.languageFor(request, viewer);
    const zones = [
      ...COMMON_ZONES,
      ...Intl.supportedValuesOf('timeZone').filter((zone) => !COMMON_ZONES.includes(zone)),
    ].filter(isTimeZone);
    await this.renderer.render(
      request,
      reply,
      'account/account',
      {
        email: user?.email ?? viewer.email,
        language: user?.language ?? viewer.language,
        languages: Object.entries(LANGUAGE_NAMES).map(([code, name]) => ({
          code,
          name,
          selected: code === (user?.language ?? viewer.language),
        })),
        chosenTimeZone: chosen,
        effectiveTimeZone: viewer.scope.timeZone,
        now: formatMoment(this.clock.now(), { language, timeZone: viewer.scope.timeZone }),
        zones: zones.map((zone) => ({ zone, selected: zone === chosen })),
        problemKey,
        // An organisation's leads manage its API keys.
        canManageKeys: viewer.organisation !== null && can(viewer.scope, 'api_key.manage'),
        // The same leads set the organisation's single sign-on.
        organisationId: viewer.organisation?.id ?? null,
      },
      { titleKey: 'preferences.title', status, viewer },
    );
  }
}
