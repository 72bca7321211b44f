import { CommentMention } from './comment-mention.entity';
import { CommentRevision } from './comment-revision.entity';
import { ConversationComment } from './conversation-comment.entity';
import { ReplyToken } from './reply-token.entity';

export { CommentMention, CommentRevision, ConversationComment, ReplyToken };

export const CONVERSATION_ENTITIES = [
  ConversationComment,
  CommentRevision,
  CommentMention,
  ReplyToken,
];
