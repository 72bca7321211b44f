import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CommentVia, CommentVisibility, SubjectType } from '../domain/conversation-vocabulary';

/**
 * One entry of a conversation. Never deleted: a correction is a new entry, and an edit (by the
 * author, within the edit window) keeps the body it replaced in `conversation_comment_revision`.
 */
@Entity()
export class ConversationComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  engagementId: string;

  @Column({ type: 'text' })
  subjectType: SubjectType;

  @Column({ type: 'uuid' })
  subjectId: string;

  /** The thread's first comment when this one answers it; null for a thread's first comment. */
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'text' })
  visibility: CommentVisibility;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  via: CommentVia;

  /** 1, raised by each edit. */
  @Column({ type: 'int' })
  revision: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  editedAt: Date | null;
}
