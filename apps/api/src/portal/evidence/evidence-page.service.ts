import { Injectable } from '@nestjs/common';
import { EvidencePlace, EvidenceSubjects } from '@app/collaboration';
import {
  acceptedExtensions,
  downloadsEvidence,
  EvidenceFileView,
  EvidenceSubjectRef,
  EvidenceStore,
  EvidenceVisibility,
  readsInternalEvidence,
} from '@app/evidence';
import { can, Language } from '@app/identity';
import { formatBytes } from '../onboarding/completion-flash';
import { OnboardingPageService } from '../onboarding/onboarding-page.service';
import type { PortalViewer } from '../session/portal-viewer.service';
import { evidenceDownloadPath, incidentEvidencePath, stepEvidencePath } from './evidence-paths';

/** A refused upload as the page explains it: the code's message, and the visibility chosen. */
export interface EvidenceUploadProblem {
  /** `errors.code.<CODE>` of the refusal. */
  messageKey: string;
  /** The fields a 400 named (`file`, `visibility`). */
  fields: { field: string; reason: string }[];
  visibility: string | undefined;
}

/** One file as the list shows it; `uploadedAt` is formatted in the reader's zone by the template. */
export interface EvidenceRow {
  id: string;
  fileName: string;
  size: string;
  sizeBytes: number;
  sha256: string;
  uploadedByName: string | null;
  uploadedAt: Date;
  internal: boolean;
  /** Kept with the step's task completion (who completed it, when), not attached on this page. */
  completion: boolean;
  /** Null when the reader sees the file but may not download it (the platform admin, a completion's file). */
  href: string | null;
}

/** The list and the upload form of one subject, as the step page and the incident page show them. */
export interface EvidenceSection {
  files: EvidenceRow[];
  /** Null when the reader may not attach files here. */
  form: {
    action: string;
    accept: string;
    maxSize: string;
    kinds: string;
    /** Provider staff choose internal or shared; null for the customer (always shared). */
    visibility: { value: EvidenceVisibility; checked: boolean }[] | null;
  } | null;
  /** Whether the reader sees internal files (labels them; the customer never sees one). */
  readsInternal: boolean;
  problem: EvidenceUploadProblem | null;
}

/**
 * The evidence pages' data, read through `EvidenceStore` and `EvidenceSubjects` with the
 * viewer's scope: another tenant's step or incident answers 404, internal files reach only the
 * provider's side.
 */
@Injectable()
export class EvidencePageService {
  constructor(
    private readonly store: EvidenceStore,
    private readonly subjects: EvidenceSubjects,
    private readonly onboardings: OnboardingPageService,
  ) {}

  get maxBytes(): number {
    return this.store.limits.maxBytes;
  }

  stepPlace(viewer: PortalViewer, onboardingId: string, stepKey: string): Promise<EvidencePlace> {
    return this.subjects.step(viewer.scope, onboardingId, stepKey);
  }

  incidentPlace(
    viewer: PortalViewer,
    engagementId: string,
    incidentId: string,
  ): Promise<EvidencePlace> {
    return this.subjects.incident(viewer.scope, engagementId, incidentId);
  }

  /** The step's page: its title, the way back to its card, and its files with the upload form. */
  async stepPage(
    viewer: PortalViewer,
    onboardingId: string,
    stepKey: string,
    language: Language,
    problem: EvidenceUploadProblem | null,
    uploaded: boolean,
  ) {
    const place = await this.stepPlace(viewer, onboardingId, stepKey);
    const step = await this.onboardings.step(viewer, onboardingId, stepKey, language);
    // The files the step's completions carried are the step's evidence too (reached through it).
    const completions = await this.subjects.stepCompletions(onboardingId, stepKey);
    return {
      kind: 'step' as const,
      title: step?.title ?? stepKey,
      backHref: `/onboardings/${onboardingId}#step-${stepKey}`,
      uploaded,
      section: await this.section(
        viewer,
        place,
        stepEvidencePath(onboardingId, stepKey),
        problem,
        completions,
      ),
    };
  }

  /** An incident's files on a page of their own: where a refused upload of the incident page is explained. */
  async incidentPage(
    viewer: PortalViewer,
    engagementId: string,
    incidentId: string,
    title: string,
    problem: EvidenceUploadProblem | null,
  ) {
    const place = await this.incidentPlace(viewer, engagementId, incidentId);
    return {
      kind: 'incident' as const,
      title,
      backHref: `/engagements/${engagementId}/incidents/${incidentId}#evidence`,
      uploaded: false,
      section: await this.section(
        viewer,
        place,
        incidentEvidencePath(engagementId, incidentId),
        problem,
      ),
    };
  }

  /** The incident page's evidence section. */
  async incidentSection(
    viewer: PortalViewer,
    engagementId: string,
    incidentId: string,
  ): Promise<EvidenceSection> {
    const place = await this.incidentPlace(viewer, engagementId, incidentId);
    return this.section(viewer, place, incidentEvidencePath(engagementId, incidentId), null);
  }

  private async section(
    viewer: PortalViewer,
    place: EvidencePlace,
    action: string,
    problem: EvidenceUploadProblem | null,
    related: readonly EvidenceSubjectRef[] = [],
  ): Promise<EvidenceSection> {
    const readsInternal = readsInternalEvidence(viewer.scope, place.engagement);
    const files = await this.store.list(viewer.scope, place.engagement, [
      { kind: place.kind, id: place.id },
      ...related,
    ]);
    const row = (file: EvidenceFileView): EvidenceRow => ({
      id: file.id,
      fileName: file.fileName,
      size: formatBytes(file.sizeBytes),
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      uploadedByName: file.uploadedByName,
      uploadedAt: file.uploadedAt,
      internal: file.visibility === 'internal',
      completion: file.subjectKind === 'step_completion',
      href: downloadsEvidence(viewer.scope, place.engagement, file.subjectKind)
        ? evidenceDownloadPath(file.id)
        : null,
    });
    const chosen = problem?.visibility ?? place.defaultVisibility;
    const extensions = acceptedExtensions(this.store.limits.types);
    return {
      files: files.map(row),
      form: can(viewer.scope, 'evidence.attach', place.engagement)
        ? {
            action,
            accept: extensions.join(','),
            maxSize: formatBytes(this.store.limits.maxBytes),
            kinds: extensions.join(', '),
            visibility: readsInternal
              ? (['internal', 'shared'] as const).map((value) => ({
                  value,
                  checked: value === chosen,
                }))
              : null,
          }
        : null,
      readsInternal,
      problem,
    };
  }
}
