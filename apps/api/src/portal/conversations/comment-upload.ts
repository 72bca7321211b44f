import { COMMENT_FORM_MAX_BYTES } from '@app/collaboration';
import type { EvidenceUpload } from '@app/evidence';
import type { FastifyRequest } from 'fastify';
import {
  readOptionalEvidenceUpload,
  refuseUnknownFields,
} from '../../collaboration/evidence/read-evidence-upload';
import { CsrfRejectedException } from '../errors/portal-exceptions';
import { refusalOf } from '../errors/refusal';
import { formProblem, FormProblem } from '../kit/form-problem';
import type { RefusalReader } from '../kit/submit-form';
import { csrfTokenValid } from '../session/csrf.guard';

/** The fields of a comment form; a multipart one may carry one file. */
const COMMENT_FIELDS = ['_csrf', 'body', 'visibility', 'parentId'] as const;

/** A comment form as it was posted: its text fields and, if one was chosen, its file. */
export interface PostedComment {
  fields: Record<string, string>;
  upload: EvidenceUpload | null;
  /** Text fields cut at COMMENT_FORM_MAX_BYTES (see refuseCutBody). */
  cutFields: string[];
}

/**
 * Reads a multipart comment form: the CSRF token is checked with the fields sent before the file
 * (the page sends it first), so a forged form's file is thrown away unread (the 403 page); a
 * form without a file is checked once read. The file is held in memory up to the store's limit,
 * the body up to COMMENT_FORM_MAX_BYTES (twice the longest comment in any script), so a text
 * over the limit still comes back to the page whole.
 */
export async function readPostedComment(
  request: FastifyRequest,
  maxBytes: number,
): Promise<PostedComment> {
  let checked = false;
  const checkCsrf = async (fields: Record<string, string>): Promise<void> => {
    checked = true;
    if (!(await csrfTokenValid(request, fields._csrf ?? ''))) throw new CsrfRejectedException();
  };
  const form = await readOptionalEvidenceUpload(
    request,
    maxBytes,
    checkCsrf,
    COMMENT_FORM_MAX_BYTES,
  );
  if (!checked) await checkCsrf(form.fields);
  refuseUnknownFields(form.fields, COMMENT_FIELDS);
  return form;
}

/** A refused comment form: the form's own problems, or a file the store refused (by its code). */
export type CommentFormProblem = Omit<FormProblem, 'key'> & { key: FormProblem['key'] | 'file' };

/**
 * Reads a refused comment as the page shows it again with the typed text (`values()` is read
 * when the refusal comes, after a multipart form has been read): fields (400), person (403) and
 * state (409) as every form, and a refused file (too large, a refused kind, empty) by its code.
 */
export function commentProblem(
  values: () => Record<string, string>,
): RefusalReader<CommentFormProblem> {
  return (error) => {
    const typed = values();
    const refused = formProblem(typed)(error);
    if (refused) return refused;
    const refusal = refusalOf(error);
    if (!refusal || refusal.status === 404) return null;
    return {
      problem: { key: 'file', messageKey: refusal.messageKey, fields: [], values: typed },
      status: refusal.status,
    };
  };
}
