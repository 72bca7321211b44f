import { Body, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { NotificationSettings, NotificationSettingsService } from '@app/collaboration';
import { NOTIFICATION_DELIVERIES, NOTIFICATION_KINDS, NotificationKind } from '@app/notify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { refusalOf } from '../errors/refusal';
import { PortalController } from '../kit/portal-controller.decorator';
import { submitForm } from '../kit/submit-form';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { setFlash } from '../session/flash';
import { PortalViewerService } from '../session/portal-viewer.service';
import { NotificationPreferencesForm } from './notification-preferences.form';

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);

/**
 * The signed-in person's notification settings: per kind at once, in the daily digest or off
 * (security-relevant kinds locked at once), and the local hour of the digest. A refused change
 * shows the code's message with the choices as posted, so nothing is lost.
 */
@PortalController()
export class NotificationPreferencesPageController {
  constructor(
    private readonly viewers: PortalViewerService,
    private readonly settings: NotificationSettingsService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('account/notifications')
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const viewer = await this.viewers.require(request);
    await this.render(request, reply, await this.settings.read(viewer.scope), null, 200);
  }

  @Post('account/notifications')
  @UseGuards(CsrfGuard)
  async save(
    @Body() form: NotificationPreferencesForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const deliveries: Record<string, string> = {};
    for (const kind of NOTIFICATION_KINDS) {
      const value = form[kind];
      if (value !== undefined) deliveries[kind] = value;
    }
    const hour = form.digestHour?.trim();
    const digestHour = hour === undefined || hour === '' ? undefined : Number(hour);
    await submitForm(() => this.settings.update(viewer.scope, { deliveries, digestHour }), {
      // Any declared refusal, told by its code's message.
      reads: (error) => {
        const refusal = refusalOf(error);
        return refusal && { problem: refusal.messageKey, status: refusal.status };
      },
      refused: async (problemKey, status) => {
        const current = await this.settings.read(viewer.scope);
        const posted: NotificationSettings = {
          kinds: current.kinds.map((k) => ({
            ...k,
            delivery: (NOTIFICATION_DELIVERIES as readonly string[]).includes(
              deliveries[k.kind] ?? '',
            )
              ? (deliveries[k.kind] as NotificationSettings['kinds'][number]['delivery'])
              : k.delivery,
          })),
          digestHour: Number.isInteger(digestHour) ? (digestHour as number) : current.digestHour,
        };
        await this.render(request, reply, posted, problemKey, status);
      },
      done: async () => {
        setFlash(request, { kind: 'success', key: 'account.saved' });
        await reply.header('Cache-Control', 'no-store').redirect('/account/notifications', 303);
      },
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    settings: NotificationSettings,
    problemKey: string | null,
    status: number,
  ): Promise<void> {
    const viewer = await this.viewers.require(request);
    const kindRow = (kind: NotificationKind, delivery: string, mandatory: boolean) => ({
      kind,
      mandatory,
      options: NOTIFICATION_DELIVERIES.map((value) => ({ value, selected: value === delivery })),
    });
    await this.renderer.render(
      request,
      reply,
      'notifications/preferences',
      {
        kinds: settings.kinds.map((k) => kindRow(k.kind, k.delivery, k.mandatory)),
        hours: HOURS.map((hour) => ({
          hour,
          label: `${String(hour).padStart(2, '0')}:00`,
          selected: hour === settings.digestHour,
        })),
        timeZone: viewer.scope.timeZone,
        problemKey,
      },
      { titleKey: 'notifications.title', status, viewer },
    );
  }
}
