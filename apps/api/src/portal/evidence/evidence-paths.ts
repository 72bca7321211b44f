/** Where a step's evidence files are listed and uploaded in the portal. */
export function stepEvidencePath(onboardingId: string, stepKey: string): string {
  return `/onboardings/${onboardingId}/steps/${stepKey}/evidence`;
}

/** Where an incident's evidence files are uploaded (and, after a refused upload, shown again). */
export function incidentEvidencePath(engagementId: string, incidentId: string): string {
  return `/engagements/${engagementId}/incidents/${incidentId}/evidence`;
}

/** The incident page's evidence section. */
export function incidentEvidenceSectionPath(engagementId: string, incidentId: string): string {
  return `/engagements/${engagementId}/incidents/${incidentId}#evidence`;
}

/** One evidence file's download with the portal session (the API route takes bearer tokens only). */
export function evidenceDownloadPath(attachmentId: string): string {
  return `/evidence/${attachmentId}`;
}
