import { MAX_COMMENT_LENGTH } from '@app/collaboration';
import { ValidationException } from '@app/platform';

/**
 * A multipart comment's body cut at COMMENT_FORM_MAX_BYTES is far over the limit: refused as
 * too long (400 naming `body`; the portal shows what arrived), never kept cut.
 */
export function refuseCutBody(cutFields: readonly string[]): void {
  if (cutFields.includes('body'))
    throw new ValidationException([
      { field: 'body', reason: `must be 1 to ${MAX_COMMENT_LENGTH} characters of text` },
    ]);
}
