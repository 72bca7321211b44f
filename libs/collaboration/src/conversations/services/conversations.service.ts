import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import type { AcceptedEvidenceFile, EvidenceUpload } from '@app/evidence';
import { EvidenceStore } from '@app/evidence';
import { AccessScope, Actor, can, Engagement, EngagementService } from '@app/identity';
import { OutboxService } from '@app/notify';
import {
  Clock,
  ForbiddenException,
  NotFoundException,
  TransactionRunner,
  ValidationException,
} from '@app/platform';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CollaborationError } from '../../collaboration-errors';
import {
  commentLength,
  CommentVia,
  CommentVisibility,
  defaultVisibility,
  MAX_COMMENT_LENGTH,
  normalisedCommentBody,
  SubjectType,
  withinEditWindow,
} from '../domain/conversation-vocabulary';
import { CommentRevision, ConversationComment } from '../entities';
import { queueCommentMails, recordMentions, threadParticipants } from './comment-recipients';
import { readableEngagement } from './conversation-access';
import { CommentView, CommentViews } from './comment-views';
import { ConversationPeople, EngagementPerson } from './conversation-people';
import { ConversationSubject, ConversationSubjects } from './conversation-subjects';

/** What a person asks to write. */
export interface CommentInput {
  body: string;
  visibility?: CommentVisibility;
  /** The thread's first comment, to answer it; absent: a new thread. */
  parentId?: string;
}

/** Who writes, resolved: the person, as what they act, and with which reach. */
export interface CommentAuthor {
  actor: Actor;
  person: EngagementPerson;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Conversations on steps, document versions and incidents. Everyone who sees the engagement
 * reads its shared comments; only provider staff and account managers read (and write) internal
 * ones: the SQL that reads comments (ConversationReader) leaves internal ones out for anyone
 * else, and here a reader who may not see one gets 404 for it. Every write is audited in its transaction (the body as its
 * SHA-256; an internal comment's record withholds even that, see AuditEntry.visibility, so the
 * customer's audit export shows its existence only) and its mails go through the outbox.
 */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly engagements: EngagementService,
    private readonly subjects: ConversationSubjects,
    private readonly people: ConversationPeople,
    private readonly views: CommentViews,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly evidence: EvidenceStore,
  ) {}

  /** Writes a comment as the signed-in person. */
  post(
    scope: AccessScope,
    engagementId: string,
    type: SubjectType,
    subjectId: string,
    input: CommentInput,
    via: Exclude<CommentVia, 'email'>,
  ): Promise<CommentView> {
    return this.postWith(scope, engagementId, type, subjectId, input, via, []);
  }

  /**
   * Writes a comment with files (the portal page's form): each file is checked first (size,
   * kind by the bytes), so a refused file refuses the comment before anything is written; the
   * files are kept with the comment's visibility in its transaction.
   */
  postWithFiles(
    scope: AccessScope,
    engagementId: string,
    type: SubjectType,
    subjectId: string,
    input: CommentInput,
    via: Exclude<CommentVia, 'email'>,
    uploads: EvidenceUpload[],
  ): Promise<CommentView> {
    const files = uploads.map((upload) => this.evidence.check(upload));
    return this.postWith(scope, engagementId, type, subjectId, input, via, files);
  }

  private postWith(
    scope: AccessScope,
    engagementId: string,
    type: SubjectType,
    subjectId: string,
    input: CommentInput,
    via: Exclude<CommentVia, 'email'>,
    files: AcceptedEvidenceFile[],
  ): Promise<CommentView> {
    const body = this.validBody(input.body);
    return this.tx.run(async (manager) => {
      const engagement = await readableEngagement(this.engagements, scope, engagementId, manager);
      const subject = await this.subjects.find(manager, engagement.id, type, subjectId);
      if (!can(scope, 'conversation.comment', engagement)) {
        throw new ForbiddenException("Only the engagement's customer and provider staff comment");
      }
      const mayInternal = can(scope, 'conversation.internal', engagement);
      if (input.visibility === 'internal' && !mayInternal) {
        throw new ForbiddenException("Internal comments are for the provider's staff only");
      }
      const person = await this.people.find(manager, engagement.id, scope.userId);
      if (!person) throw new ForbiddenException("Only the engagement's people comment");
      const parent = input.parentId
        ? await this.parentOf(manager, subject, input.parentId, mayInternal)
        : null;
      const visibility =
        input.visibility ??
        (!mayInternal ? 'shared' : (parent?.visibility ?? defaultVisibility(type)));
      const comment = await this.write(
        manager,
        { actor: scope.actor, person },
        engagement,
        subject,
        parent,
        body,
        visibility,
        via,
      );
      if (files.length > 0 && !can(scope, 'evidence.attach', engagement)) {
        throw new ForbiddenException('You may not attach files here');
      }
      const kept = [];
      for (const file of files) {
        const view = await this.evidence.keep(
          manager,
          scope.actor,
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
        kept.push({
          id: view.id,
          fileName: view.fileName,
          sizeBytes: view.sizeBytes,
          sha256: view.sha256,
        });
      }
      const written = await this.viewOf(manager, comment, scope.userId);
      return { ...written, files: kept };
    });
  }

  /**
   * Changes the body of one's own comment within the edit window (by the business clock); the
   * body it replaces is kept. Nobody deletes a comment.
   */
  edit(
    scope: AccessScope,
    engagementId: string,
    commentId: string,
    rawBody: string,
  ): Promise<CommentView> {
    const body = this.validBody(rawBody);
    return this.tx.run(async (manager) => {
      const engagement = await readableEngagement(this.engagements, scope, engagementId, manager);
      const comment = await manager
        .getRepository(ConversationComment)
        .createQueryBuilder('c')
        .where('c.id = :commentId AND c.engagement_id = :engagementId', {
          commentId,
          engagementId: engagement.id,
        })
        .setLock('pessimistic_write')
        .getOne();
      if (
        !comment ||
        (comment.visibility === 'internal' && !can(scope, 'conversation.internal', engagement))
      ) {
        throw new NotFoundException('Comment');
      }
      if (comment.authorId !== scope.userId) {
        throw new ForbiddenException('Only its author edits a comment');
      }
      const now = this.clock.now();
      if (!withinEditWindow(comment.createdAt, now)) {
        throw new CollaborationError(
          'COMMENT_EDIT_WINDOW_CLOSED',
          'The edit window of this comment has passed; write a new comment to correct it',
          { createdAt: comment.createdAt.toISOString() },
        );
      }
      await manager.getRepository(CommentRevision).insert({
        commentId: comment.id,
        revision: comment.revision,
        body: comment.body,
        writtenAt: comment.editedAt ?? comment.createdAt,
      });
      const previous = comment.body;
      comment.body = body;
      comment.revision += 1;
      comment.editedAt = now;
      await manager.getRepository(ConversationComment).save(comment);
      const people = await this.people.of(manager, engagement.id);
      const added = await recordMentions(manager, comment, people);
      await this.audit.record(manager, scope.actor, {
        action: 'conversation.comment_edited',
        subjectType: 'conversation_comment',
        subjectId: comment.id,
        organisationId: engagement.customerOrganisationId,
        engagementId: engagement.id,
        changes: {
          revision: comment.revision,
          visibility: comment.visibility,
          previousSha256: sha256(previous),
          bodySha256: sha256(body),
          mentions: added,
        },
        // An internal comment's chain record says only that it was edited (see write()).
        visibility: comment.visibility === 'internal' ? 'internal' : undefined,
      });
      await queueCommentMails(manager, this.outbox, comment, added, []);
      return this.viewOf(manager, comment, scope.userId);
    });
  }

  /**
   * Writes a comment for an author already resolved (the portal, the API or a mail reply): the
   * comment, its mentions, its audit record and its mails, in the caller's transaction.
   */
  async write(
    manager: EntityManager,
    author: CommentAuthor,
    engagement: Engagement,
    subject: ConversationSubject,
    parent: ConversationComment | null,
    body: string,
    visibility: CommentVisibility,
    via: CommentVia,
  ): Promise<ConversationComment> {
    if (visibility === 'internal' && author.person.side !== 'provider') {
      throw new ForbiddenException("Internal comments are for the provider's staff only");
    }
    if (parent?.visibility === 'internal' && visibility === 'shared') {
      throw new CollaborationError(
        'THREAD_IS_INTERNAL',
        'An answer to an internal comment stays internal',
        { parentId: parent.id },
      );
    }
    const repository = manager.getRepository(ConversationComment);
    const comment = await repository.save(
      repository.create({
        engagementId: engagement.id,
        subjectType: subject.type,
        subjectId: subject.id,
        parentId: parent?.id ?? null,
        visibility,
        body,
        authorId: author.person.id,
        via,
        revision: 1,
        createdAt: this.clock.now(),
        editedAt: null,
      }),
    );
    const people = await this.people.of(manager, engagement.id);
    const mentioned = await recordMentions(manager, comment, people);
    await this.audit.record(manager, author.actor, {
      action: 'conversation.comment_posted',
      subjectType: 'conversation_comment',
      subjectId: comment.id,
      organisationId: engagement.customerOrganisationId,
      engagementId: engagement.id,
      changes: {
        on: subject.type,
        onId: subject.id,
        parentId: comment.parentId,
        visibility,
        via,
        bodySha256: sha256(body),
        mentions: mentioned,
      },
      // The customer exports and re-verifies this chain: an internal comment's record there is
      // its existence and a salted SHA-256, its details kept aside for the provider's side.
      visibility: visibility === 'internal' ? 'internal' : undefined,
    });
    const participants = parent ? await threadParticipants(manager, parent) : [];
    await queueCommentMails(manager, this.outbox, comment, mentioned, participants);
    return comment;
  }

  /** The thread a comment starts, for an answer to it; 404 when the reader cannot see it. */
  async parentOf(
    manager: EntityManager,
    subject: ConversationSubject,
    parentId: string,
    mayInternal: boolean,
  ): Promise<ConversationComment> {
    const parent = await manager.getRepository(ConversationComment).findOneBy({
      id: parentId,
      engagementId: subject.engagementId,
      subjectType: subject.type,
      subjectId: subject.id,
    });
    if (!parent || (parent.visibility === 'internal' && !mayInternal)) {
      throw new NotFoundException('Comment');
    }
    if (parent.parentId !== null) {
      throw new CollaborationError('COMMENT_NOT_A_THREAD', "Answer the thread's first comment", {
        threadId: parent.parentId,
      });
    }
    return parent;
  }

  private validBody(raw: unknown): string {
    const body = typeof raw === 'string' ? normalisedCommentBody(raw) : '';
    const length = commentLength(body);
    if (length === 0 || length > MAX_COMMENT_LENGTH) {
      throw new ValidationException([
        { field: 'body', reason: `must be 1 to ${MAX_COMMENT_LENGTH} characters of text` },
      ]);
    }
    return body;
  }

  private async viewOf(
    manager: EntityManager,
    comment: ConversationComment,
    readerId: string,
  ): Promise<CommentView> {
    const people = await this.people.of(manager, comment.engagementId);
    const [view] = await this.views.of(manager, [comment], people, readerId, this.clock.now());
    if (!view) throw new Error('A saved comment has a view');
    return view;
  }
}
