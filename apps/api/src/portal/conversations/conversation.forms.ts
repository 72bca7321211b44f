import { IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_COMMENT_LENGTH } from '@app/collaboration';
import { CsrfForm } from '../forms/csrf-form';

/* The conversation page's forms: optional strings, checked by ConversationsService behind them. */

export class CommentForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(MAX_COMMENT_LENGTH + 1000) body?: string;
  @IsOptional() @IsString() @MaxLength(20) visibility?: string;
  @IsOptional() @IsString() @MaxLength(60) parentId?: string;
}

export class EditCommentForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(MAX_COMMENT_LENGTH + 1000) body?: string;
}
