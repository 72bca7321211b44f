/**
 * What a file can be attached to. A comment's files are attached by the conversations part,
 * which resolves the comment itself (through the caller's scope) and passes its visibility.
 */
export const EVIDENCE_SUBJECT_KINDS = ['onboarding_step', 'incident', 'comment'] as const;
export type EvidenceSubjectKind = (typeof EVIDENCE_SUBJECT_KINDS)[number];

/** `internal`: the provider's staff and account managers only; `shared`: the customer too. */
export const EVIDENCE_VISIBILITIES = ['internal', 'shared'] as const;
export type EvidenceVisibility = (typeof EVIDENCE_VISIBILITIES)[number];

/** A subject as the store keys it: its kind and id. */
export interface EvidenceSubjectRef {
  kind: EvidenceSubjectKind;
  id: string;
}

/**
 * A subject the caller has already found through the reader's scope (so it is theirs to see),
 * with the engagement it belongs to and the visibility its files take.
 */
export interface EvidenceSubject extends EvidenceSubjectRef {
  engagementId: string;
  /** The engagement's customer organisation (the audit record's organisation). */
  customerOrganisationId: string;
  /** The engagement's provider organisation (who may attach and see internal files). */
  providerOrganisationId: string;
  visibility: EvidenceVisibility;
}
