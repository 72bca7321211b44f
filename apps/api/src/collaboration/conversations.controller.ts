import { Body, Controller, Get, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  COMMENT_FORM_MAX_BYTES,
  CommentView,
  ConversationReader,
  ConversationsService,
  ConversationView,
  MAX_COMMENT_LENGTH,
  subjectTypeOfSlug,
  SubjectType,
} from '@app/collaboration';
import { EvidenceStore } from '@app/evidence';
import { AccessScope } from '@app/identity';
import { createValidationPipe, NotFoundException } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import { Can } from '../auth/can.decorator';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { ApiCommentBody } from '../openapi/request-bodies';
import { refuseCutBody } from './cut-comment-body';
import { EditCommentDto, PostCommentDto, PostCommentWithFileDto } from './conversation.dto';
import { readOptionalEvidenceUpload, refuseUnknownFields } from './evidence/read-evidence-upload';

/** The body checked as the global pipe checks a DTO: 400 naming each refused field. */
const validation = createValidationPipe();
const commentInput = async (body: unknown): Promise<PostCommentDto> =>
  (await validation.transform(body, { type: 'body', metatype: PostCommentDto })) as PostCommentDto;

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
  constructor(
    private readonly conversations: ConversationsService,
    private readonly reader: ConversationReader,
    private readonly evidence: EvidenceStore,
  ) {}

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
    return this.reader.conversation(scope, id, subjectType(slug), subjectId);
  }

  @Post('conversations/:subjectType/:subjectId')
  @Can('conversation.comment')
  @ApiCommentBody(PostCommentDto, PostCommentWithFileDto)
  @ApiOperation({
    summary:
      `Write a comment or answer a thread (body: 1 to ${MAX_COMMENT_LENGTH} characters); mentioned people are mailed. ` +
      'JSON, or multipart/form-data with the same fields and one optional file in "file", kept with the comment in one transaction ' +
      "with the comment's visibility (an internal comment's file is never listed or served to the customer); a refused file " +
      'refuses the comment (413, 415 with the kind’s code, 400). Audited; never deleted',
  })
  async post(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('subjectType') slug: string,
    @Param('subjectId', uuidParam('subjectId')) subjectId: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
  ): Promise<CommentView> {
    const type = subjectType(slug);
    if (!request.isMultipart())
      return this.conversations.post(scope, id, type, subjectId, await commentInput(body), 'api');
    // The subject is found (404) and the right to attach settled (403) before the file is read.
    await this.reader.mayCommentWithFiles(scope, id, type, subjectId);
    const form = await readOptionalEvidenceUpload(
      request,
      this.evidence.limits.maxBytes,
      undefined,
      COMMENT_FORM_MAX_BYTES,
    );
    refuseUnknownFields(form.fields, ['body', 'visibility', 'parentId']);
    refuseCutBody(form.cutFields);
    const input = await commentInput(form.fields);
    const uploads = form.upload ? [form.upload] : [];
    return this.conversations.postWithFiles(scope, id, type, subjectId, input, 'api', uploads);
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
