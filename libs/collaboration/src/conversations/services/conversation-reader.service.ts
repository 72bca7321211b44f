import { Injectable } from '@nestjs/common';
import { EvidenceStore } from '@app/evidence';
import { AccessScope, can, EngagementService } from '@app/identity';
import { Clock, ForbiddenException, TransactionRunner } from '@app/platform';
import {
  CommentVisibility,
  defaultVisibility,
  SubjectType,
} from '../domain/conversation-vocabulary';
import { ConversationComment } from '../entities';
import { CommentViews, ThreadView } from './comment-views';
import { readableEngagement } from './conversation-access';
import { ConversationPeople } from './conversation-people';
import { ConversationSubjects } from './conversation-subjects';

/** A subject's conversation as one reader may see it. */
export interface ConversationView {
  subject: { type: SubjectType; id: string; title: string; pagePath: string };
  threads: ThreadView[];
  mayComment: boolean;
  mayWriteInternal: boolean;
  defaultVisibility: CommentVisibility;
  /** Whom the reader may mention (the people who would read a shared comment). */
  people: { id: string; name: string; email: string; side: 'customer' | 'provider' }[];
}

/**
 * Reading a subject's conversation: the SQL leaves internal comments out for anyone who may not
 * read them, and the files come from the evidence store, which lists only what the reader may see.
 */
@Injectable()
export class ConversationReader {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly engagements: EngagementService,
    private readonly subjects: ConversationSubjects,
    private readonly people: ConversationPeople,
    private readonly views: CommentViews,
    private readonly clock: Clock,
    private readonly evidence: EvidenceStore,
  ) {}

  /** The subject's threads as the reader may see them; 404 outside their reach. */
  conversation(
    scope: AccessScope,
    engagementId: string,
    type: SubjectType,
    subjectId: string,
  ): Promise<ConversationView> {
    return this.tx.run(async (manager) => {
      const engagement = await readableEngagement(this.engagements, scope, engagementId, manager);
      const subject = await this.subjects.find(manager, engagement.id, type, subjectId);
      const mayWriteInternal = can(scope, 'conversation.internal', engagement);
      const qb = manager
        .getRepository(ConversationComment)
        .createQueryBuilder('c')
        .where(
          'c.engagement_id = :engagementId AND c.subject_type = :type AND c.subject_id = :id',
          {
            engagementId: engagement.id,
            type,
            id: subject.id,
          },
        )
        .orderBy('c.created_at', 'ASC')
        .addOrderBy('c.id', 'ASC');
      if (!mayWriteInternal) qb.andWhere(`c.visibility = 'shared'`);
      const people = await this.people.of(manager, engagement.id);
      const views = await this.views.of(
        manager,
        await qb.getMany(),
        people,
        scope.userId,
        this.clock.now(),
      );
      // The store lists only the files the reader may see (internal ones: provider side only).
      const files = await this.evidence.list(
        scope,
        engagement,
        views.map((v) => ({ kind: 'comment' as const, id: v.id })),
        manager,
      );
      for (const view of views) {
        view.files = files
          .filter((f) => f.subjectId === view.id)
          .map((f) => ({
            id: f.id,
            fileName: f.fileName,
            sizeBytes: f.sizeBytes,
            sha256: f.sha256,
          }));
      }
      return {
        subject: {
          type,
          id: subject.id,
          title: subject.title(scope.language),
          pagePath: subject.pagePath,
        },
        threads: this.views.threads(views),
        mayComment: can(scope, 'conversation.comment', engagement),
        mayWriteInternal,
        defaultVisibility: mayWriteInternal ? defaultVisibility(type) : 'shared',
        people: people.map((p) => ({
          id: p.id,
          name: p.displayName,
          email: p.email,
          side: p.side,
        })),
      };
    });
  }

  /**
   * Whether the caller may comment on this subject, answered before a request's file is read:
   * 404 outside their reach (another tenant's engagement or subject), 403 for a reader who may
   * not comment or attach files. The write checks all of it again in its transaction.
   */
  mayCommentWithFiles(
    scope: AccessScope,
    engagementId: string,
    type: SubjectType,
    subjectId: string,
  ): Promise<void> {
    return this.tx.run(async (manager) => {
      const engagement = await readableEngagement(this.engagements, scope, engagementId, manager);
      await this.subjects.find(manager, engagement.id, type, subjectId);
      if (
        !can(scope, 'conversation.comment', engagement) ||
        !can(scope, 'evidence.attach', engagement)
      )
        throw new ForbiddenException('You may not comment with files here');
    });
  }
}
