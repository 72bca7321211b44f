import { Body, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  CommentVisibility,
  ConversationsService,
  conversationPath,
  SubjectType,
  subjectTypeOfSlug,
} from '@app/collaboration';
import { EvidenceStore, EvidenceUpload } from '@app/evidence';
import { NotFoundException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EngagementPageContext, EngagementPageLoader } from '../kit/engagement-page-loader.service';
import { formProblem, valuesOf } from '../kit/form-problem';
import { submitForm } from '../kit/submit-form';
import { PortalController } from '../kit/portal-controller.decorator';
import { requireUuid } from '../kit/uuid';
import { PortalRenderer } from '../rendering/portal-renderer.service';
import { CsrfRejectedException } from '../errors/portal-exceptions';
import { CsrfGuard, csrfTokenValid } from '../session/csrf.guard';
import { refuseCutBody } from '../../collaboration/cut-comment-body';
import { commentProblem, readPostedComment } from './comment-upload';
import { CommentForm, EditCommentForm } from './conversation.forms';
import { ConversationPageService, ConversationProblem } from './conversation-page.service';

function subjectOf(slug: string, subjectId: string): SubjectType {
  const type = subjectTypeOfSlug(slug);
  if (!type) throw new NotFoundException('Page');
  requireUuid(subjectId, 'Conversation subject');
  return type;
}

/**
 * The conversation of a step, a document version or an incident: its threads (internal ones
 * labelled and styled apart, and never shown to the customer), a form for a new comment, an
 * answer per thread and an edit form on one's own comments while their window is open. A
 * refused form is shown again with the text as typed; another tenant's subject is the 404 page.
 */
@PortalController()
export class ConversationPagesController {
  constructor(
    private readonly loader: EngagementPageLoader,
    private readonly pages: ConversationPageService,
    private readonly conversations: ConversationsService,
    private readonly evidence: EvidenceStore,
    private readonly renderer: PortalRenderer,
  ) {}

  @Get('engagements/:id/conversations/:subjectType/:subjectId')
  async show(
    @Param('id') id: string,
    @Param('subjectType') slug: string,
    @Param('subjectId') subjectId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const type = subjectOf(slug, subjectId);
    const context = await this.loader.load(request, id);
    await this.render(request, reply, context, type, subjectId, null);
  }

  /**
   * A new comment or an answer: a plain form, or a multipart one with an optional file kept
   * with the comment (its visibility) in the comment's transaction. A refused file refuses the
   * comment too (nothing written) and the page comes back with the text as typed.
   */
  @Post('engagements/:id/conversations/:subjectType/:subjectId')
  async post(
    @Param('id') id: string,
    @Param('subjectType') slug: string,
    @Param('subjectId') subjectId: string,
    @Body() body: CommentForm | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const type = subjectOf(slug, subjectId);
    const multipart = request.isMultipart();
    // A multipart form's token is checked while it is read, before its file.
    if (!multipart && !(await csrfTokenValid(request))) throw new CsrfRejectedException();
    const context = await this.loader.load(request, id);
    let fields: Record<string, string> = valuesOf(body ?? {});
    await submitForm(
      async () => {
        let files: EvidenceUpload[] = [];
        if (multipart) {
          const posted = await readPostedComment(request, this.evidence.limits.maxBytes);
          fields = valuesOf(posted.fields);
          refuseCutBody(posted.cutFields);
          files = posted.upload ? [posted.upload] : [];
        }
        const parentId = fields.parentId ? fields.parentId : undefined;
        if (parentId !== undefined) requireUuid(parentId, 'Comment');
        const visibility: CommentVisibility | undefined =
          fields.visibility === 'internal' || fields.visibility === 'shared'
            ? fields.visibility
            : undefined;
        return this.conversations.postWithFiles(
          context.viewer.scope,
          id,
          type,
          subjectId,
          { body: fields.body ?? '', visibility, parentId },
          'portal',
          files,
        );
      },
      {
        reads: commentProblem(() => fields),
        refused: (problem, status) =>
          this.render(
            request,
            reply,
            context,
            type,
            subjectId,
            { ...problem, form: fields.parentId ? `reply:${fields.parentId}` : 'new' },
            status,
          ),
        done: (comment) => this.back(reply, id, type, subjectId, comment.id),
      },
    );
  }

  @Post('engagements/:id/conversations/:subjectType/:subjectId/comments/:commentId/edit')
  @UseGuards(CsrfGuard)
  async edit(
    @Param('id') id: string,
    @Param('subjectType') slug: string,
    @Param('subjectId') subjectId: string,
    @Param('commentId') commentId: string,
    @Body() form: EditCommentForm,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const type = subjectOf(slug, subjectId);
    requireUuid(commentId, 'Comment');
    const context = await this.loader.load(request, id);
    await submitForm(
      () => this.conversations.edit(context.viewer.scope, id, commentId, form.body ?? ''),
      {
        reads: formProblem(valuesOf(form)),
        refused: (problem, status) =>
          this.render(
            request,
            reply,
            context,
            type,
            subjectId,
            { ...problem, form: `edit:${commentId}` },
            status,
          ),
        done: () => this.back(reply, id, type, subjectId, commentId),
      },
    );
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    { viewer, engagement }: EngagementPageContext,
    type: SubjectType,
    subjectId: string,
    problem: ConversationProblem | null,
    status = 200,
  ): Promise<void> {
    const page = await this.pages.page(viewer, engagement, type, subjectId, problem);
    await this.renderer.render(request, reply, 'conversations/conversation', page, {
      titleKey: 'conversations.pageTitle',
      titleParams: { subject: page.subjectTitle },
      section: 'home',
      status,
      viewer,
    });
  }

  /** 303 back to the comment written or edited. */
  private async back(
    reply: FastifyReply,
    id: string,
    type: SubjectType,
    subjectId: string,
    commentId: string,
  ): Promise<void> {
    await reply
      .header('Cache-Control', 'no-store')
      .redirect(`${conversationPath(id, type, subjectId)}#comment-${commentId}`, 303);
  }
}
