import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CommentView,
  ConversationsService,
  ConversationView,
  subjectTypeOfSlug,
  SubjectType,
} from '@app/collaboration';
import { AccessScope } from '@app/identity';
import { NotFoundException } from '@app/platform';
import { Can } from '../auth/can.decorator';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { EditCommentDto, PostCommentDto } from './conversation.dto';

function subjectType(slug: string): SubjectType {
  const type = subjectTypeOfSlug(slug);
  if (!type) throw new NotFoundException('Conversation subject');
  return type;
}

/**
 * Conversations on an engagement's steps (`step`, the step's id), document versions
 * (`document-version`) and incidents (`incident`). Customers never receive internal comments;
 * another tenant's engagement or subject is 404.
 */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/engagements/:id')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get('conversations/:subjectType/:subjectId')
  @Can('conversation.read')
  @ApiOperation({
    summary:
      "A subject's threads as the caller may see them (internal comments only for provider staff and account managers), with each comment's edit history",
  })
  list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('subjectType') slug: string,
    @Param('subjectId', uuidParam('subjectId')) subjectId: string,
  ): Promise<ConversationView> {
    return this.conversations.conversation(scope, id, subjectType(slug), subjectId);
  }

  @Post('conversations/:subjectType/:subjectId')
  @Can('conversation.comment')
  @ApiOperation({
    summary:
      'Write a comment or answer a thread; mentioned people are mailed. Audited; never deleted',
  })
  post(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('subjectType') slug: string,
    @Param('subjectId', uuidParam('subjectId')) subjectId: string,
    @Body() body: PostCommentDto,
  ): Promise<CommentView> {
    return this.conversations.post(scope, id, subjectType(slug), subjectId, body, 'api');
  }

  @Patch('comments/:commentId')
  @Can('conversation.comment')
  @ApiOperation({
    summary:
      'Edit one’s own comment within its edit window (409 COMMENT_EDIT_WINDOW_CLOSED after); the replaced text is kept. Audited',
  })
  edit(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('commentId', uuidParam('commentId')) commentId: string,
    @Body() body: EditCommentDto,
  ): Promise<CommentView> {
    return this.conversations.edit(scope, id, commentId, body.body);
  }
}
