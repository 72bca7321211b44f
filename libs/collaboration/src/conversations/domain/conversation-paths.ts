import type { SubjectType } from './conversation-vocabulary';

/** How a subject type is written in portal paths. */
export const SUBJECT_SLUGS: Record<SubjectType, string> = {
  onboarding_step: 'step',
  document_version: 'document-version',
  incident: 'incident',
};

/** The subject type a path segment names, or null. */
export function subjectTypeOfSlug(slug: string): SubjectType | null {
  const found = Object.entries(SUBJECT_SLUGS).find(([, s]) => s === slug);
  return found ? (found[0] as SubjectType) : null;
}

/** The portal page of a subject's conversation. */
export function conversationPath(
  engagementId: string,
  type: SubjectType,
  subjectId: string,
): string {
  return `/engagements/${engagementId}/conversations/${SUBJECT_SLUGS[type]}/${subjectId}`;
}
