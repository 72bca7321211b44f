import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A body an edit replaced: revision n's text, written at `writtenAt`. */
@Entity('conversation_comment_revision')
export class CommentRevision {
  @PrimaryColumn({ type: 'uuid' })
  commentId: string;

  @PrimaryColumn({ type: 'int' })
  revision: number;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'timestamptz' })
  writtenAt: Date;
}
