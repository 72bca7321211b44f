import type { CommentView, ConversationView, ThreadView } from '@app/collaboration';
import { conversationPath } from '@app/collaboration';
import { CommentFileLink, commentFileLinks } from './comment-files';

/** A comment shown read-only on a subject's own page. */
interface SectionComment extends Omit<CommentView, 'files'> {
  files: CommentFileLink[];
  internal: boolean;
  anchor: string;
}

/** A subject page's conversation section: its threads as the viewer sees them, and the way in. */
export interface ConversationSection {
  href: string;
  count: number;
  threads: (SectionComment & { replies: SectionComment[] })[];
}

function shown(comment: CommentView): SectionComment {
  return {
    ...comment,
    files: commentFileLinks(comment.files),
    internal: comment.visibility === 'internal',
    anchor: `comment-${comment.id}`,
    // Edited on the conversation page only.
    editable: false,
  };
}

/** The section a subject page (the incident page) shows from the conversation it read. */
export function conversationSection(
  engagementId: string,
  view: ConversationView,
): ConversationSection {
  return {
    href: conversationPath(engagementId, view.subject.type, view.subject.id),
    count: view.threads.reduce((n, t: ThreadView) => n + 1 + t.replies.length, 0),
    threads: view.threads.map((t) => ({ ...shown(t), replies: t.replies.map(shown) })),
  };
}
