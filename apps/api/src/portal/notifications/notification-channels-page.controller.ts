import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { can } from '@app/access';
import { NotificationChannelsService } from '@app/collaboration';
import { EngagementView } from '@app/identity';
import { CHANNEL_EVENTS, CHANNEL_PROVIDERS } from '@app/notify';
import { formatMoment, ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { refusalOf } from '../errors/refusal';
import { PlainForm } from '../forms/csrf-form';
import { EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { PortalController } from '../kit/portal-controller.decorator';
import { Refused, submitForm } from '../kit/submit-form';
import { requireUuid } from '../kit/uuid';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfGuard } from '../session/csrf.guard';
import { setFlash } from '../session/flash';
import { PortalViewer } from '../session/portal-viewer.service';
import { NotificationChannelForm } from './notification-channel.form';

const LANGUAGES = ['ja', 'en', 'zh'] as const;

/** A refused channel form: its code's message or the refused fields, and what was typed. */
interface ChannelProblem {
  messageKey: string | null;
  fields: { field: string; reason: string }[];
  values: { provider: string; name: string; language: string; url: string; events: string[] };
}

const path = (engagementId: string): string => `/engagements/${engagementId}/notification-channels`;

/**
 * An engagement's Slack and Teams channels: who may see them sees the list (never a URL, only
 * its hint); provider staff add and remove them. A refused addition is shown again as typed.
 */
@PortalController()
export class NotificationChannelsPageController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly channels: NotificationChannelsService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('engagements/:id/notification-channels')
  async show(
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    await this.render(request, reply, viewer, engagement, null, 200);
  }

  @Post('engagements/:id/notification-channels')
  @UseGuards(CsrfGuard)
  async add(
    @Param('id') id: string,
    @Body() form: NotificationChannelForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer, engagement } = await this.loader.load(request, id);
    const events = form.events === undefined ? [] : [form.events].flat().map(String);
    const values = {
      provider: form.provider ?? '',
      name: form.name ?? '',
      language: form.language ?? '',
      url: form.url ?? '',
      events,
    };
    await submitForm(() => this.channels.create(viewer.scope, id, { ...form, events }), {
      reads: (error): Refused<ChannelProblem> | null => {
        if (error instanceof ValidationException)
          return { problem: { messageKey: null, fields: error.fields, values }, status: 400 };
        const refusal = refusalOf(error);
        if (refusal === null || refusal.status === 404) return null;
        return {
          problem: { messageKey: refusal.messageKey, fields: [], values },
          status: refusal.status,
        };
      },
      refused: (problem, status) =>
        this.render(request, reply, viewer, engagement, problem, status),
      done: async () => {
        setFlash(request, { kind: 'success', key: 'account.saved' });
        await reply.header('Cache-Control', 'no-store').redirect(path(id), 303);
      },
    });
  }

  @Post('engagements/:id/notification-channels/:channelId/remove')
  @UseGuards(CsrfGuard)
  async remove(
    @Param('id') id: string,
    @Param('channelId') channelId: string,
    @Body() _form: PlainForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { viewer } = await this.loader.load(request, id);
    requireUuid(channelId, 'Notification channel');
    await this.channels.remove(viewer.scope, id, channelId);
    setFlash(request, { kind: 'success', key: 'account.saved' });
    await reply.header('Cache-Control', 'no-store').redirect(path(id), 303);
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: PortalViewer,
    engagement: EngagementView,
    problem: ChannelProblem | null,
    status: number,
  ): Promise<void> {
    const language = this.renderer.languageFor(request, viewer);
    const channels = await this.channels.list(viewer.scope, engagement.id);
    const values = problem?.values ?? {
      provider: 'slack',
      name: '',
      language,
      url: '',
      events: ['step_opened', 'incident_opened', 'approval_requested'],
    };
    reply.header('Cache-Control', 'no-store');
    await this.renderer.render(
      request,
      reply,
      'notifications/channels',
      {
        engagementName: engagement.name,
        action: path(engagement.id),
        channels: channels.map((c) => ({
          ...c,
          createdAt: formatMoment(c.createdAt, { language, timeZone: viewer.scope.timeZone }),
        })),
        canManage: can(viewer.scope, 'notification_channel.manage', engagement),
        providers: CHANNEL_PROVIDERS.map((p) => ({ value: p, selected: p === values.provider })),
        languages: LANGUAGES.map((l) => ({ value: l, selected: l === values.language })),
        events: CHANNEL_EVENTS.map((e) => ({ value: e, checked: values.events.includes(e) })),
        values,
        problem,
      },
      {
        titleKey: 'channels.title',
        titleParams: { engagement: engagement.name },
        section: 'home',
        status,
        viewer,
      },
    );
  }
}
