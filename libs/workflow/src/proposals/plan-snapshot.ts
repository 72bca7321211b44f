import { contentHash } from '../services/approval-content';
import type { Language } from '@app/access';
import type { EntityManager } from 'typeorm';
import type { LocalisedText } from '../templates/template.types';
import type { DocumentSection, ProposalChange } from './proposal-document';

/**
 * What the server takes when a configuration step is proposed. `configuration` is what the
 * approval binds to (its canonical JSON's SHA-256); `context` holds the figures and names shown
 * beside it as they were at that moment (endpoint counts, who receives detections), which may
 * move without the configuration changing (an inventory import, a new colleague) and so are not
 * part of what is approved.
 */
export interface PlanSnapshot {
  configuration: Record<string, unknown>;
  context: Record<string, unknown>;
}

/** How one configuration step is snapshotted, compared and written down. Registered by the lib that owns the configuration. */
export interface SnapshotProvider {
  /** What the document is called, e.g. "Group and policy design". */
  title: LocalisedText;
  /** The engagement's configuration as it is now, read on the caller's manager (no scope: the workflow checked access). */
  take(manager: EntityManager, engagementId: string): Promise<PlanSnapshot>;
  /** Field-by-field differences between two configurations, worded in `language`. */
  compare(
    before: Record<string, unknown>,
    after: Record<string, unknown>,
    language: Language,
  ): ProposalChange[];
  /** The document's sections (tables, counts, dates) in `language`; `at` is when the snapshot was taken. */
  sections(snapshot: PlanSnapshot, language: Language, at: Date): DocumentSection[];
  /** Why the configuration cannot be proposed yet (empty: it can), e.g. endpoints without an approved decision. */
  notReady?(manager: EntityManager, engagementId: string, language: Language): Promise<string[]>;
}

/** The hash an approval of this step binds to: the step key and the configuration, canonically. */
export function snapshotHash(stepKey: string, configuration: Record<string, unknown>): string {
  return contentHash({ step: stepKey, configuration });
}

export function isPlanSnapshot(
  content: Record<string, unknown>,
): content is Record<string, unknown> & PlanSnapshot {
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  return isObject(content.configuration) && isObject(content.context);
}
