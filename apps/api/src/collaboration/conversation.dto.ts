import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { COMMENT_VISIBILITIES, CommentVisibility, MAX_COMMENT_LENGTH } from '@app/collaboration';

export class PostCommentDto {
  @ApiProperty({
    description:
      'The text; `@someone@example.com` mentions (and mails) that person of the engagement',
    maxLength: MAX_COMMENT_LENGTH,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_COMMENT_LENGTH)
  body: string;

  @ApiPropertyOptional({
    enum: COMMENT_VISIBILITIES,
    description:
      "Provider staff only: internal (provider and account managers) or shared with the customer. Default: shared on steps and document versions, internal on incidents, the thread's in an answer",
  })
  @IsOptional()
  @IsIn(COMMENT_VISIBILITIES)
  visibility?: CommentVisibility;

  @ApiPropertyOptional({ description: "Answer this thread (its first comment's id)" })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

/** The same fields as multipart/form-data, with one optional file (OpenAPI only: read by hand). */
export class PostCommentWithFileDto extends PostCommentDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description:
      "One file kept with the comment, with the comment's visibility (EVIDENCE_STORE_MAX_BYTES; a kind of EVIDENCE_TYPES, judged by its bytes; SHA-256 computed by the server)",
  })
  file?: unknown;
}

export class EditCommentDto {
  @ApiProperty({ maxLength: MAX_COMMENT_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_COMMENT_LENGTH)
  body: string;
}
