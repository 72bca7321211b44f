import type { DocumentKind } from '@app/agreements';

/** The documents of an engagement in page order, with the slug their forms post to. */
export const DOCUMENT_SLUGS = ['agreement', 'peacetime', 'incident'] as const;
export type DocumentSlug = (typeof DOCUMENT_SLUGS)[number];

export const SLUG_KIND: Record<DocumentSlug, DocumentKind> = {
  agreement: 'service_agreement',
  peacetime: 'peacetime_runbook',
  incident: 'incident_runbook',
};

export function isDocumentSlug(value: unknown): value is DocumentSlug {
  return typeof value === 'string' && (DOCUMENT_SLUGS as readonly string[]).includes(value);
}

/** The anchor of a document's section on the documents page. */
export function documentAnchor(slug: DocumentSlug): string {
  return `doc-${slug}`;
}

/** The documents page of an engagement, optionally at one document's section. */
export function documentsPath(engagementId: string, slug?: DocumentSlug): string {
  return `/engagements/${engagementId}/documents${slug ? `#${documentAnchor(slug)}` : ''}`;
}

/**
 * Where the portal serves a rendered document version for its session: the API's own path
 * (`/api/engagements/:id/agreement/versions/:v/document?...`) without `/api`, since the JSON
 * API takes bearer tokens only.
 */
export function portalDocumentHref(apiHref: string): string {
  if (!apiHref.startsWith('/api/')) throw new Error(`not an API document link: ${apiHref}`);
  return apiHref.slice('/api'.length);
}

/**
 * Onboarding steps decided by approving a document version (their StepView has `decidedIn`):
 * the document whose section the step's link opens.
 */
export const STEP_DOCUMENT: Record<string, DocumentSlug> = {
  service_agreement: 'agreement',
  communication_language: 'agreement',
  peacetime_runbook: 'peacetime',
  incident_runbook: 'incident',
};

/** The largest draft the edit form accepts (characters). */
export const MAX_DRAFT_LENGTH = 200_000;

export type DraftInput =
  | { ok: true; content: Record<string, unknown> }
  | { ok: false; problem: 'draftRequired' | 'draftTooLong' | 'draftNotObject' }
  | { ok: false; problem: 'draftInvalidJson'; detail: string };

/** The edit form's textarea: a JSON object, or the reason it is not one. */
export function parseDraft(text: string | undefined): DraftInput {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return { ok: false, problem: 'draftRequired' };
  if (trimmed.length > MAX_DRAFT_LENGTH) return { ok: false, problem: 'draftTooLong' };
  let value: unknown;
  // Not a refusal of a lib: JSON.parse only says by throwing that the typed draft is not JSON.
  try {
    value = JSON.parse(trimmed);
  } catch (error: unknown) {
    return {
      ok: false,
      problem: 'draftInvalidJson',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: 'draftNotObject' };
  }
  return { ok: true, content: value as Record<string, unknown> };
}

/** A compared value as the comparison table shows it: text as it is, anything else as JSON. */
export function showValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}
