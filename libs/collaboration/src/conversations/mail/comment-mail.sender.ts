import { Inject, Injectable } from '@nestjs/common';
import { Engagement, ReaderZones } from '@app/identity';
import {
  ConversationCommentPayload,
  JobHandler,
  JobHandlerRegistry,
  MAILER,
  Mailer,
  MailRenderer,
  NOTIFICATION_ID_HEADER,
  NotificationLedger,
  PreferredDelivery,
} from '@app/notify';
import { APP_CONFIG, AppConfig, formatMoment, TransactionRunner } from '@app/platform';
import { replyAddress } from '../domain/reply-address';
import { ConversationComment } from '../entities';
import { conversationPath } from '../domain/conversation-paths';
import { ConversationPeople } from '../services/conversation-people';
import { ConversationSubjects } from '../services/conversation-subjects';
import { ReplyTokens } from '../services/reply-tokens';

/**
 * Mails one person about a comment, in their language and zone. Checks again, when it sends,
 * that they are still one of the engagement's people and may read the comment: an internal
 * comment never reaches the customer's side, whatever the outbox holds. With an inbound address
 * configured, the mail's Reply-To is the recipient's own single-use reply address (its token is
 * issued here, so it never sits in the outbox or the queue). The ledger keeps a redelivered job
 * from mailing twice. The person's preference for mentions and comments decides whether it goes
 * now, waits for their digest, or is only recorded.
 */
@Injectable()
export class CommentMailSender implements JobHandler<'conversation-comment-email'> {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly people: ConversationPeople,
    private readonly subjects: ConversationSubjects,
    private readonly tokens: ReplyTokens,
    private readonly renderer: MailRenderer,
    private readonly ledger: NotificationLedger,
    private readonly zones: ReaderZones,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly delivery: PreferredDelivery,
    registry: JobHandlerRegistry,
  ) {
    registry.register('conversation-comment-email', this);
  }

  async handle(outboxId: string, payload: ConversationCommentPayload): Promise<void> {
    await this.ledger.once(outboxId, 'conversation-comment-email', async () => {
      const prepared = await this.prepare(payload);
      if (!prepared) return;
      const { to, mail, headers, link, recipientId } = prepared;
      await this.delivery.deliver(
        {
          notificationId: outboxId,
          userId: recipientId,
          kind: payload.reason === 'mention' ? 'mention' : 'comment',
          subject: mail.subject,
          link,
        },
        () =>
          this.mailer.send({
            to,
            subject: mail.subject,
            html: mail.html,
            text: mail.text,
            headers: { [NOTIFICATION_ID_HEADER]: outboxId, ...headers },
          }),
      );
    });
  }

  private prepare(payload: ConversationCommentPayload) {
    return this.tx.run(async (manager) => {
      const comment = await manager
        .getRepository(ConversationComment)
        .findOneBy({ id: payload.commentId });
      if (!comment) return null;
      const recipient = await this.people.find(manager, comment.engagementId, payload.userId);
      if (!recipient) return null;
      if (comment.visibility === 'internal' && recipient.side !== 'provider') return null;
      const engagement = await manager
        .getRepository(Engagement)
        .findOneByOrFail({ id: comment.engagementId });
      const [customer] = (await manager.query(`SELECT name FROM organisation WHERE id = $1`, [
        engagement.customerOrganisationId,
      ])) as { name: string }[];
      const [author] = (await manager.query(
        `SELECT display_name AS "displayName" FROM app_user WHERE id = $1`,
        [comment.authorId],
      )) as { displayName: string }[];
      const subject = await this.subjects.find(
        manager,
        comment.engagementId,
        comment.subjectType,
        comment.subjectId,
      );
      const timeZone = await this.zones.ofUser(recipient.id, manager);
      const link = `${this.config.publicUrl}${conversationPath(comment.engagementId, subject.type, subject.id)}`;
      const inbox = this.config.inboundEmailAddress;
      const headers: Record<string, string> = {};
      if (inbox) {
        const token = await this.tokens.issue(manager, comment.id, recipient.id);
        headers['Reply-To'] = replyAddress(inbox, token);
      }
      const mail = this.renderer.render('conversation-comment', recipient.language, {
        displayName: recipient.displayName,
        customerName: customer?.name ?? '',
        authorName: author?.displayName ?? '',
        subjectTitle: subject.title(recipient.language),
        mentioned: payload.reason === 'mention',
        internal: comment.visibility === 'internal',
        body: comment.body,
        writtenAt: formatMoment(
          comment.editedAt ?? comment.createdAt,
          { language: recipient.language, timeZone },
          'long',
        ),
        link,
        replyByMail: inbox !== null,
      });
      return { to: recipient.email, recipientId: recipient.id, mail, headers, link };
    });
  }
}
