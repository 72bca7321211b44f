import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { CommentVia, CommentVisibility } from '../domain/conversation-vocabulary';
import { withinEditWindow } from '../domain/conversation-vocabulary';
import { CommentMention, CommentRevision, ConversationComment } from '../entities';
import type { EngagementPerson, Side } from './conversation-people';

/** A body an edit replaced. */
export interface CommentRevisionView {
  revision: number;
  body: string;
  writtenAt: Date;
}

/** One comment as a reader sees it. */
export interface CommentView {
  id: string;
  parentId: string | null;
  visibility: CommentVisibility;
  body: string;
  author: { id: string; name: string; side: Side | null };
  via: CommentVia;
  createdAt: Date;
  editedAt: Date | null;
  revision: number;
  /** The earlier bodies, oldest first (empty when never edited). */
  history: CommentRevisionView[];
  mentions: { id: string; name: string }[];
  /** The reader wrote it and its edit window is still open. */
  editable: boolean;
  /** Its files in the evidence store (`GET /evidence/:id` in the portal, `/api/evidence/:id`), as the reader may see them. */
  files: { id: string; fileName: string; sizeBytes: number; sha256: string }[];
}

/** A thread: its first comment and the answers to it, oldest first. */
export interface ThreadView extends CommentView {
  replies: CommentView[];
}

/** Turns comment rows into what readers see: names, mentions, history, editability. */
@Injectable()
export class CommentViews {
  async of(
    manager: EntityManager,
    comments: ConversationComment[],
    people: EngagementPerson[],
    readerId: string,
    now: Date,
  ): Promise<CommentView[]> {
    if (comments.length === 0) return [];
    const ids = comments.map((c) => c.id);
    const [revisions, mentions] = await Promise.all([
      manager
        .getRepository(CommentRevision)
        .find({ where: { commentId: In(ids) }, order: { revision: 'ASC' } }),
      manager.getRepository(CommentMention).find({ where: { commentId: In(ids) } }),
    ]);
    const authorIds = [...new Set(comments.map((c) => c.authorId))];
    const named = (await manager.query(
      `SELECT id, display_name AS "displayName" FROM app_user WHERE id = ANY($1::uuid[])`,
      [[...authorIds, ...mentions.map((m) => m.userId)]],
    )) as { id: string; displayName: string }[];
    const nameOf = (id: string): string => named.find((n) => n.id === id)?.displayName ?? '';
    return comments.map((c) => ({
      id: c.id,
      parentId: c.parentId,
      visibility: c.visibility,
      body: c.body,
      author: {
        id: c.authorId,
        name: nameOf(c.authorId),
        side: people.find((p) => p.id === c.authorId)?.side ?? null,
      },
      via: c.via,
      createdAt: c.createdAt,
      editedAt: c.editedAt,
      revision: c.revision,
      history: revisions
        .filter((r) => r.commentId === c.id)
        .map((r) => ({ revision: r.revision, body: r.body, writtenAt: r.writtenAt })),
      mentions: mentions
        .filter((m) => m.commentId === c.id)
        .map((m) => ({ id: m.userId, name: nameOf(m.userId) })),
      editable: c.authorId === readerId && withinEditWindow(c.createdAt, now),
      files: [],
    }));
  }

  /** Comments grouped into threads, oldest thread first. */
  threads(views: CommentView[]): ThreadView[] {
    return views
      .filter((v) => v.parentId === null)
      .map((first) => ({ ...first, replies: views.filter((v) => v.parentId === first.id) }));
  }
}
