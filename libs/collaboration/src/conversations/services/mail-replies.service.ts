import { Inject, Injectable, Logger } from '@nestjs/common';
import { EvidenceStore } from '@app/evidence';
import { Actor, Engagement } from '@app/identity';
import { APP_CONFIG, AppConfig, DomainException, TransactionRunner } from '@app/platform';
import { EntityManager } from 'typeorm';
import { InboundCommentMail, isAutomatic } from '../domain/inbound-comment-mail';
import { replyTokenIn } from '../domain/reply-address';
import { replyText } from '../domain/reply-text';
import { cutToCommentLength } from '../domain/conversation-vocabulary';
import { ConversationComment } from '../entities';
import { ConversationPeople } from './conversation-people';
import { ConversationSubjects } from './conversation-subjects';
import { ConversationsService } from './conversations.service';
import { ReplyTokens } from './reply-tokens';

/** What became of an inbound message. */
export type MailReplyOutcome =
  /** It was not sent to a comment mail's reply address: someone else's to route. */
  | 'not-for-conversations'
  /** Sent to a reply address, but not taken (automatic, unknown sender, used or expired address, empty). */
  | 'ignored'
  | 'commented';

/**
 * Answers to comment mails. The reply address names one comment and one recipient; the message
 * must come from that recipient's address, who must still be one of the engagement's people
 * (and, for an internal thread, on the provider's side). The text above the quoted original and
 * the signature becomes an answer in the comment's thread: shared from the customer; from the
 * provider's staff as the thread is. Automatic messages are never comments.
 */
@Injectable()
export class MailRepliesService {
  private readonly logger = new Logger(MailRepliesService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly tokens: ReplyTokens,
    private readonly people: ConversationPeople,
    private readonly subjects: ConversationSubjects,
    private readonly conversations: ConversationsService,
    private readonly evidence: EvidenceStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async receive(mail: InboundCommentMail): Promise<MailReplyOutcome> {
    const inbox = this.config.inboundEmailAddress;
    const token = inbox ? replyTokenIn(inbox, mail.recipients) : null;
    if (!token) return 'not-for-conversations';
    if (isAutomatic(mail)) return this.ignore('an automatic message');
    const text = cutToCommentLength(replyText(mail.text));
    if (!text) return this.ignore('no text above the quoted original');
    return this.tx.run(async (manager) => {
      const record = await this.tokens.usable(manager, token);
      if (!record) return this.ignore('an unknown, used or expired reply address');
      const comment = await manager
        .getRepository(ConversationComment)
        .findOneByOrFail({ id: record.commentId });
      const person = await this.people.find(manager, comment.engagementId, record.userId);
      const from = mail.from?.trim().toLowerCase();
      if (!person || !from || person.email.toLowerCase() !== from) {
        return this.ignore(
          'a sender who is not the mail’s recipient or no longer on the engagement',
        );
      }
      const thread = comment.parentId
        ? await manager.getRepository(ConversationComment).findOneByOrFail({ id: comment.parentId })
        : comment;
      if (thread.visibility === 'internal' && person.side !== 'provider') {
        return this.ignore('an internal thread answered from the customer’s side');
      }
      const engagement = await manager
        .getRepository(Engagement)
        .findOneByOrFail({ id: comment.engagementId });
      const subject = await this.subjects.find(
        manager,
        engagement.id,
        comment.subjectType,
        comment.subjectId,
      );
      const [member] = (await manager.query(
        `SELECT organisation_id AS "organisationId" FROM app_user WHERE id = $1`,
        [person.id],
      )) as { organisationId: string | null }[];
      await this.tokens.consume(manager, record);
      const actor = {
        userId: person.id,
        organisationId: member?.organisationId ?? null,
        ip: null,
        userAgent: 'inbound-email',
      };
      const answer = await this.conversations.write(
        manager,
        { person, actor },
        engagement,
        subject,
        thread,
        text,
        person.side === 'provider' ? thread.visibility : 'shared',
        'email',
      );
      await this.keepAttachments(manager, actor, engagement, answer, mail.attachments);
      return 'commented';
    });
  }

  /**
   * The mail's files, through the evidence store, with the comment's visibility. A file the
   * store refuses (a program, an unknown kind, too large) is left out; the comment stays.
   */
  private async keepAttachments(
    manager: EntityManager,
    actor: Actor,
    engagement: Engagement,
    comment: ConversationComment,
    attachments: InboundCommentMail['attachments'],
  ): Promise<void> {
    for (const attachment of attachments) {
      try {
        const file = this.evidence.check({ ...attachment, truncated: false });
        await this.evidence.keep(
          manager,
          actor,
          {
            kind: 'comment',
            id: comment.id,
            engagementId: engagement.id,
            customerOrganisationId: engagement.customerOrganisationId,
            providerOrganisationId: engagement.providerOrganisationId,
            visibility: comment.visibility,
          },
          file,
        );
      } catch (error: unknown) {
        if (!(error instanceof DomainException)) throw error;
        this.logger.log(`Attachment of a mail reply left out: ${error.code}`);
      }
    }
  }

  private ignore(why: string): 'ignored' {
    this.logger.log(`Inbound reply to a comment mail ignored: ${why}`);
    return 'ignored';
  }
}
