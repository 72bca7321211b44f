import { can } from '@app/access';
import { Get, Inject, Req, Res } from '@nestjs/common';
import { DevMailboxService } from '@app/notify';
import { APP_CONFIG, AppConfig, NotFoundException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { PortalViewerService } from '../session/portal-viewer.service';
import { PortalController } from '../kit/portal-controller.decorator';

const MAILBOX_LIMIT = 50;

/**
 * Embedded (demo) mode only: the mail the portal would have sent, newest first, so a person
 * trying the demo can follow its links. The links are live (set-password, signing, incident
 * approvals), so like the API's dev mailbox it needs a sign-in and shows each person their own
 * mail; the platform admin sees all of it (and can pass an invitee their invitation). Only the
 * text body is shown, escaped, with its links made clickable; the HTML body is never injected.
 */
@PortalController()
export class MailboxController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailbox: DevMailboxService,
    private readonly viewers: PortalViewerService,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('mailbox')
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Checked per request, not at registration, so server mode answers the portal's 404 page.
    if (this.config.mode !== 'embedded') throw new NotFoundException('Page');
    const viewer = await this.viewers.require(request);
    const messages = await this.mailbox.list(
      MAILBOX_LIMIT,
      can(viewer.scope, 'mailbox.read_all') ? null : viewer.email,
    );
    await this.renderer.render(
      request,
      reply,
      'mailbox/mailbox',
      {
        count: messages.length,
        messages: messages.map((m) => ({
          id: m.id,
          to: m.to,
          subject: m.subject,
          text: m.text,
          createdAt: m.createdAt,
        })),
      },
      { titleKey: 'mailbox.title', section: 'mailbox', viewer },
    );
  }
}
