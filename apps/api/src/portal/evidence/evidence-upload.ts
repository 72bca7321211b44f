import type {
  EvidenceFileView,
  EvidencePlace,
  EvidenceStore,
  EvidenceSubjects,
} from '@app/collaboration';
import { ValidationException } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import {
  readEvidenceUpload,
  refuseUnknownFields,
  visibilityField,
} from '../../collaboration/evidence/read-evidence-upload';
import { CsrfRejectedException } from '../errors/portal-exceptions';
import { refusalOf } from '../errors/refusal';
import { csrfTokenValid } from '../session/csrf.guard';
import type { PortalViewer } from '../session/portal-viewer.service';
import type { EvidenceUploadProblem } from './evidence-page.service';

/** The outcome of a portal upload: the file kept, or the refusal the page explains. */
export type PortalUploadOutcome =
  { kept: EvidenceFileView } | { problem: EvidenceUploadProblem; status: number };

/**
 * Reads a portal upload form (multipart: `_csrf`, optional `visibility`, one `file`), its CSRF
 * token checked before the file is read (a bad token: the 403 page, nothing kept), and attaches
 * the file through the store. A refusal with a code (too large, a refused kind, empty, a field
 * named by a 400, internal asked for by the customer) comes back as the page's problem; anything
 * else goes on to the portal's filter.
 */
export async function uploadFromPortal(
  request: FastifyRequest,
  viewer: PortalViewer,
  place: EvidencePlace,
  store: EvidenceStore,
  subjects: EvidenceSubjects,
): Promise<PortalUploadOutcome> {
  let visibility: string | undefined;
  try {
    // Called with the fields sent before the file, or at the end when the form has no file.
    const checkCsrf = async (sent: Record<string, string>): Promise<void> => {
      if (!(await csrfTokenValid(request, sent._csrf ?? ''))) throw new CsrfRejectedException();
    };
    const form = await readEvidenceUpload(request, store.limits.maxBytes, checkCsrf);
    visibility = form.fields.visibility;
    refuseUnknownFields(form.fields, ['_csrf', 'visibility']);
    const subject = subjects.subjectFor(viewer.scope, place, visibilityField(form.fields));
    return { kept: await store.attach(viewer.scope, subject, form.upload) };
  } catch (error: unknown) {
    const refusal = refusalOf(error);
    if (!refusal || refusal.status === 404) throw error;
    return {
      problem: {
        messageKey: refusal.messageKey,
        fields: error instanceof ValidationException ? error.fields : [],
        visibility,
      },
      status: refusal.status,
    };
  }
}
