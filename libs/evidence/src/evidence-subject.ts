/**
 * What a file can be attached to. Each part that attaches files resolves its subject itself,
 * through the caller's scope, and passes its visibility: steps and incidents
 * (libs/collaboration's EvidenceSubjects), comments (conversations), and the files a task's
 * completion carries (`step_completion`, libs/workflow's TaskEvidenceService: shared, and
 * downloaded by the engagement's parties only).
 */
export const EVIDENCE_SUBJECT_KINDS = [
  'onboarding_step',
  'incident',
  'comment',
  'step_completion',
] as const;
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
