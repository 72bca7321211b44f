import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { MAIL_QUEUE, NotifyModule, NotifyWorkerModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { WorkflowModule } from '@app/workflow';
import { EvidenceModule } from '../evidence/evidence.module';
import { CONVERSATION_ENTITIES } from './entities';
import { CommentMailSender } from './mail/comment-mail.sender';
import { CommentViews } from './services/comment-views';
import { ConversationLinks } from './services/conversation-links';
import { ConversationPeople } from './services/conversation-people';
import { ConversationSubjects } from './services/conversation-subjects';
import { ConversationReader } from './services/conversation-reader.service';
import { ConversationsService } from './services/conversations.service';
import { MailRepliesService } from './services/mail-replies.service';
import { ReplyTokens } from './services/reply-tokens';

const SERVICES = [
  ConversationPeople,
  ConversationSubjects,
  CommentViews,
  ConversationLinks,
  ReplyTokens,
  ConversationReader,
  ConversationsService,
  MailRepliesService,
];

/** For the API: conversations on steps, document versions and incidents, and mail replies. */
@Module({
  imports: [
    TypeOrmModule.forFeature(CONVERSATION_ENTITIES),
    AuditModule,
    IdentityModule,
    NotifyModule,
    WorkflowModule,
    EvidenceModule,
    ClockModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class ConversationsModule {}

/** For the worker (and the embedded API): the comment mails. */
@Module({
  imports: [
    ConversationsModule,
    IdentityModule,
    NotifyWorkerModule,
    ClockModule,
    BullModule.registerQueue({ name: MAIL_QUEUE }),
  ],
  providers: [CommentMailSender],
})
export class ConversationsWorkerModule {}
