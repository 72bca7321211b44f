import type { EvidencePlace, EvidenceSubjects } from '@app/collaboration';
import type { EvidenceFileView, EvidenceStore } from '@app/evidence';
import { ValidationException } from '@app/platform';
import type { FastifyRequest } from 'fastify';
import {
  readEvidenceUpload,
  refuseUnknownFields,
  visibilityField,
} from '../../collaboration/evidence/read-evidence-upload';
import { CsrfRejectedException } from '../errors/portal-exceptions';
import { refusalOf } from '../errors/refusal';
import type { RefusalReader } from '../kit/submit-form';
import { csrfTokenValid } from '../session/csrf.guard';
import type { PortalViewer } from '../session/portal-viewer.service';
import type { EvidenceUploadProblem } from './evidence-page.service';

/** One portal upload, run through `submitForm`: its attempt and the reader of its refusals. */
export interface PortalEvidenceUpload {
  attempt: () => Promise<EvidenceFileView>;
  reads: RefusalReader<EvidenceUploadProblem>;
}

/**
 * A portal upload form (multipart: `_csrf`, optional `visibility`, one `file`): its CSRF token
 * checked before the file is read (a bad token: the 403 page, nothing kept), the file attached
 * through the store. A refusal with a code (too large, a refused kind, empty, a field named by a
 * 400, internal asked for by the customer) is the page's problem, with the visibility chosen;
 * a 404 and anything else go on to the portal's filter.
 */
export function portalEvidenceUpload(
  request: FastifyRequest,
  viewer: PortalViewer,
  place: EvidencePlace,
  store: EvidenceStore,
  subjects: EvidenceSubjects,
): PortalEvidenceUpload {
  const sent: { visibility?: string } = {};
  // Called with the fields sent before the file, or at the end when the form has no file.
  const checkCsrf = async (fields: Record<string, string>): Promise<void> => {
    if (!(await csrfTokenValid(request, fields._csrf ?? ''))) throw new CsrfRejectedException();
  };
  return {
    attempt: async () => {
      const form = await readEvidenceUpload(request, store.limits.maxBytes, checkCsrf);
      sent.visibility = form.fields.visibility;
      refuseUnknownFields(form.fields, ['_csrf', 'visibility']);
      const subject = subjects.subjectFor(viewer.scope, place, visibilityField(form.fields));
      return store.attach(viewer.scope, subject, form.upload);
    },
    reads: (error) => {
      const refusal = refusalOf(error);
      if (!refusal || refusal.status === 404) return null;
      return {
        problem: {
          messageKey: refusal.messageKey,
          fields: error instanceof ValidationException ? error.fields : [],
          visibility: sent.visibility,
        },
        status: refusal.status,
      };
    },
  };
}
