import { Injectable } from '@nestjs/common';
import {
  commentLength,
  CommentView,
  ConversationReader,
  conversationPath,
  MAX_COMMENT_LENGTH,
  SubjectType,
  ThreadView,
} from '@app/collaboration';
import { acceptedExtensions, EvidenceStore } from '@app/evidence';
import { can, EngagementView } from '@app/identity';
import { formatBytes } from '../onboarding/completion-flash';
import type { PortalViewer } from '../session/portal-viewer.service';
import { CommentFileLink, commentFileLinks } from './comment-files';
import type { CommentFormProblem } from './comment-upload';

/** A refused form of the page: which one (`new`, `reply:<id>`, `edit:<id>`) and why. */
export type ConversationProblem = CommentFormProblem & {
  form: string;
  /** A body over the limit: its length and the limit, as the reader writes numbers. */
  tooLong?: { length: string; max: string };
};

interface CommentCard extends Omit<CommentView, 'files'> {
  files: CommentFileLink[];
  internal: boolean;
  anchor: string;
  editPath: string;
  /** The edit form's text: as typed when its edit was refused, else the body. */
  editText: string;
  editProblem: ConversationProblem | null;
}

interface ThreadCard extends CommentCard {
  replies: CommentCard[];
  replyText: string;
  replyProblem: ConversationProblem | null;
  /** An internal thread's answers stay internal: the reply form says so and offers no choice. */
  replyInternal: boolean;
}

export interface ConversationPage {
  engagementId: string;
  engagementName: string;
  subjectType: SubjectType;
  subjectTitle: string;
  subjectPath: string;
  postPath: string;
  threads: ThreadCard[];
  mayComment: boolean;
  mayWriteInternal: boolean;
  /** The new-comment form's choice: the default, or what was typed when it was refused. */
  newInternal: boolean;
  newText: string;
  newProblem: ConversationProblem | null;
  mentionable: { name: string; email: string; side: string }[];
  /** The file input of the comment forms; null when the reader may not attach files. */
  attach: { accept: string; maxSize: string; kinds: string } | null;
}

/** What the conversation page shows, read through ConversationReader with the viewer's scope. */
@Injectable()
export class ConversationPageService {
  constructor(
    private readonly conversations: ConversationReader,
    private readonly evidence: EvidenceStore,
  ) {}

  async page(
    viewer: PortalViewer,
    engagement: EngagementView,
    type: SubjectType,
    subjectId: string,
    problem: ConversationProblem | null,
  ): Promise<ConversationPage> {
    const view = await this.conversations.conversation(
      viewer.scope,
      engagement.id,
      type,
      subjectId,
    );
    const base = conversationPath(engagement.id, type, subjectId);
    const numbers = new Intl.NumberFormat(viewer.scope.language);
    const problemOf = (form: string): ConversationProblem | null => {
      if (problem?.form !== form) return null;
      const length = commentLength(problem.values.body ?? '');
      if (!problem.fields.some((f) => f.field === 'body') || length <= MAX_COMMENT_LENGTH)
        return problem;
      return {
        ...problem,
        tooLong: { length: numbers.format(length), max: numbers.format(MAX_COMMENT_LENGTH) },
      };
    };
    const card = (c: CommentView): CommentCard => {
      const editProblem = problemOf(`edit:${c.id}`);
      return {
        ...c,
        // A refused correction stays on the page with its text, even once the window closed.
        editable: c.editable || editProblem !== null,
        files: commentFileLinks(c.files),
        internal: c.visibility === 'internal',
        anchor: `comment-${c.id}`,
        editPath: `${base}/comments/${c.id}/edit`,
        editText: editProblem?.values.body ?? c.body,
        editProblem,
      };
    };
    const thread = (t: ThreadView): ThreadCard => {
      const replyProblem = problemOf(`reply:${t.id}`);
      return {
        ...card(t),
        replies: t.replies.map(card),
        replyText: replyProblem?.values.body ?? '',
        replyProblem,
        replyInternal: t.visibility === 'internal',
      };
    };
    const newProblem = problemOf('new');
    const extensions = acceptedExtensions(this.evidence.limits.types);
    return {
      engagementId: engagement.id,
      engagementName: engagement.name,
      subjectType: type,
      subjectTitle: view.subject.title,
      subjectPath: view.subject.pagePath,
      postPath: base,
      threads: view.threads.map(thread),
      mayComment: view.mayComment,
      mayWriteInternal: view.mayWriteInternal,
      newInternal: newProblem
        ? newProblem.values.visibility === 'internal'
        : view.defaultVisibility === 'internal',
      newText: newProblem?.values.body ?? '',
      newProblem,
      mentionable: view.people.map((p) => ({ name: p.name, email: p.email, side: p.side })),
      attach:
        view.mayComment && can(viewer.scope, 'evidence.attach', engagement)
          ? {
              accept: extensions.join(','),
              maxSize: formatBytes(this.evidence.limits.maxBytes),
              kinds: extensions.join(', '),
            }
          : null,
    };
  }
}
