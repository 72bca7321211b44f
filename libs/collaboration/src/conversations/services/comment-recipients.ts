import { OutboxService } from '@app/notify';
import { EntityManager } from 'typeorm';
import { mentionedAddresses } from '../domain/mentions';
import { CommentMention, ConversationComment } from '../entities';
import { EngagementPerson } from './conversation-people';

// Who hears of a comment: the people it mentions and the thread's authors, one mail each.

/**
 * Records the people the body mentions who may read the comment (provider side only for an
 * internal one) and are not mentioned yet; returns their ids. Other addresses stay plain text.
 */
export async function recordMentions(
  manager: EntityManager,
  comment: ConversationComment,
  people: EngagementPerson[],
): Promise<string[]> {
  const existing = await manager.getRepository(CommentMention).findBy({ commentId: comment.id });
  const ids = mentionedAddresses(comment.body)
    .map((address) => people.find((p) => p.email.toLowerCase() === address))
    .filter((p): p is EngagementPerson => p !== undefined)
    .filter((p) => comment.visibility === 'shared' || p.side === 'provider')
    .filter((p) => p.id !== comment.authorId)
    .map((p) => p.id)
    .filter((id) => !existing.some((e) => e.userId === id));
  if (ids.length > 0) {
    await manager
      .getRepository(CommentMention)
      .insert(ids.map((userId) => ({ commentId: comment.id, userId })));
  }
  return ids;
}

/** The authors of a thread so far. */
export async function threadParticipants(
  manager: EntityManager,
  thread: ConversationComment,
): Promise<string[]> {
  const rows = (await manager.query(
    `SELECT DISTINCT author_id AS "authorId" FROM conversation_comment WHERE id = $1 OR parent_id = $1`,
    [thread.id],
  )) as { authorId: string }[];
  return rows.map((r) => r.authorId);
}

/**
 * One mail per person: a mention, or an answer in a thread they wrote in. The sender checks
 * again, when it sends, that the recipient may read the comment.
 */
export async function queueCommentMails(
  manager: EntityManager,
  outbox: OutboxService,
  comment: ConversationComment,
  mentioned: string[],
  participants: string[],
): Promise<void> {
  const reasons = new Map<string, 'mention' | 'reply'>();
  for (const id of participants) reasons.set(id, 'reply');
  for (const id of mentioned) reasons.set(id, 'mention');
  reasons.delete(comment.authorId);
  for (const [userId, reason] of reasons) {
    await outbox.add(
      manager,
      'conversation-comment-email',
      { commentId: comment.id, userId, reason },
      { dedupeKey: `comment:${comment.id}:${comment.revision}:${userId}` },
    );
  }
}
