import { Entity, PrimaryColumn } from 'typeorm';

/** A person a comment mentions (resolved by the server to someone who may read the comment). */
@Entity('conversation_mention')
export class CommentMention {
  @PrimaryColumn({ type: 'uuid' })
  commentId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;
}
