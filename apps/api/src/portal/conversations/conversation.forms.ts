import { IsOptional, IsString, MaxLength } from 'class-validator';
import { COMMENT_FORM_MAX_CHARS } from '@app/collaboration';
import { CsrfForm } from '../forms/csrf-form';

/*
 * The conversation page's forms: optional strings, checked by ConversationsService behind them.
 * A body may be up to twice the longest comment here, so a text over the limit reaches the form
 * mechanism and comes back on the page with its length, instead of being refused unread.
 */

export class CommentForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(COMMENT_FORM_MAX_CHARS) body?: string;
  @IsOptional() @IsString() @MaxLength(20) visibility?: string;
  @IsOptional() @IsString() @MaxLength(60) parentId?: string;
}

export class EditCommentForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(COMMENT_FORM_MAX_CHARS) body?: string;
}
