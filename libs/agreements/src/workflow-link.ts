import { Injectable } from '@nestjs/common';
import type { Language } from '@app/access';
import { EntityManager } from 'typeorm';
import type { DocumentKind } from './domain/vocabulary';
import { documentVersions } from './services/document-versions';
import { CatalogueMismatches } from './services/catalogue-mismatches';

/** The workflow steps whose approvals bind to this lib's documents. */
export const AGREEMENT_STEP_KEYS = [
  'service_agreement',
  'peacetime_runbook',
  'incident_runbook',
  'communication_language',
] as const;
export type AgreementStepKey = (typeof AGREEMENT_STEP_KEYS)[number];

/** The automatic check `provider_requirements_check` is `catalogueMismatches(...).length === 0`. */
export const PROVIDER_REQUIREMENTS_CHECK = 'provider_requirements_check';

export interface ApprovalSubject {
  /** SHA-256 (hex) the approval binds to. */
  hash: string;
  version: number;
  description: string;
}

const DOCUMENT_NAMES: Record<DocumentKind, string> = {
  service_agreement: 'service agreement',
  peacetime_runbook: 'peacetime runbook',
  incident_runbook: 'incident runbook',
};

/**
 * What the workflow engine needs from agreements, as pure reads on the caller's transaction
 * (no scope: the workflow has already checked who may act on the onboarding).
 *
 * - `currentApprovalSubject`: for `service_agreement`, `peacetime_runbook` and
 *   `incident_runbook`, the proposed or approved version and the SHA-256 of its rendered HTML
 *   document (the UTF-8 bytes of the stored HTML served by `.../versions/:v/document?format=html`);
 *   for `communication_language`, the same agreement version with the SHA-256 of its rendered
 *   language section (primary and other languages, channels), which stays the same across
 *   agreement versions that do not change it. Null when nothing is proposed or approved, or for
 *   any other step key.
 * - `catalogueMismatches`: the sentences of `provider_requirements_check`; empty means met.
 */
@Injectable()
export class AgreementWorkflowLink {
  constructor(private readonly mismatches: CatalogueMismatches) {}

  async currentApprovalSubject(
    manager: EntityManager,
    engagementId: string,
    stepKey: string,
  ): Promise<ApprovalSubject | null> {
    const kind: DocumentKind | null =
      stepKey === 'communication_language'
        ? 'service_agreement'
        : ((['service_agreement', 'peacetime_runbook', 'incident_runbook'] as const).find(
            (k) => k === stepKey,
          ) ?? null);
    if (!kind) return null;
    const current = await documentVersions.current(manager, engagementId, kind);
    if (!current) return null;
    if (stepKey === 'communication_language') {
      if (!current.languageSha256) return null;
      return {
        hash: current.languageSha256,
        version: current.version,
        description: `communication language of service agreement v${current.version} (${current.status}), rendered language section (${current.language}) SHA-256`,
      };
    }
    return {
      hash: current.documentSha256,
      version: current.version,
      description: `${DOCUMENT_NAMES[kind]} v${current.version} (${current.status}), rendered HTML document (${current.language}) SHA-256`,
    };
  }

  catalogueMismatches(
    manager: EntityManager,
    engagementId: string,
    language: Language = 'en',
  ): Promise<string[]> {
    return this.mismatches.of(manager, engagementId, language);
  }
}
