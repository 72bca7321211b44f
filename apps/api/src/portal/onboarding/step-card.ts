import type { Language } from '@app/identity';
import type { OnboardingDetail, StepView } from '@app/workflow';
import { formatBytes } from './completion-flash';
import { stepAnchor } from '../session/flash';
import { joinList, waitReason, whoText } from './gate-words';
import { documentsPath, STEP_DOCUMENT } from '../documents/document-input';
import { proposeFormOf } from '../proposals/proposal-form';
import { proposalPagePath, proposeFormPath } from '../proposals/proposal-paths';
import { featureLinkOf } from './feature-links';
import { stepEvidencePath } from '../evidence/evidence-paths';
import type { StepCard } from './onboarding-page.types';

function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** One step of the onboarding page, in the page's language. */
export function stepCard(language: Language, detail: OnboardingDetail, step: StepView): StepCard {
  const settled = step.state === 'done' || step.state === 'waived';
  // An approval of a proposal is decided on the proposal's page, where the document is read;
  // with nothing proposed yet there is nothing to decide.
  const proposed = step.proposer !== null;
  const decideHref =
    proposed && step.proposal && step.actions.includes('approve')
      ? proposalPagePath(detail.id, step.key, step.proposal.version)
      : null;
  const anchor = stepAnchor(step.key);
  const can = {
    approve: !proposed && step.actions.includes('approve'),
    complete: step.actions.includes('complete'),
    reject: !proposed && step.actions.includes('reject'),
    waive: step.actions.includes('waive'),
    reopen: step.actions.includes('reopen'),
    propose: step.actions.includes('propose'),
  };
  return {
    key: step.key,
    anchor,
    title: step.title,
    description: step.description,
    type: step.type,
    state: step.state,
    requiredForStart: step.requiredForStart,
    waivable: step.waivable,
    who: whoText(language, detail, step.party, step.role),
    assignees: joinList(
      language,
      step.assignees.map((a) => a.displayName),
    ),
    dueAt: step.dueAt,
    overdue: step.overdue,
    waitReason: settled ? null : waitReason(language, detail, step) || null,
    // A stale step's reason is the engine's English note; waitReason says it in words instead.
    reason: step.state === 'stale' ? null : step.reason,
    proposal: step.proposal
      ? {
          version: step.proposal.version,
          kind: step.proposal.kind,
          shortHash: shortHash(step.proposal.contentHash),
          contentHash: step.proposal.contentHash,
          submittedAt: step.proposal.submittedAt,
          note: step.proposal.note,
          outdated: step.proposal.outdated?.[language] ?? null,
          href: proposalPagePath(detail.id, step.key, step.proposal.version),
        }
      : null,
    decideHref,
    proposer: step.proposer
      ? whoText(language, detail, step.proposer.party, step.proposer.role)
      : null,
    version: step.version,
    can,
    hasActions: Object.values(can).some(Boolean) || decideHref !== null,
    propose: can.propose
      ? proposeFormOf(step, proposeFormPath(detail.id, step.key), anchor, language)
      : null,
    decidedIn: decidedInLink(detail.engagementId, step),
    featureLink: featureLinkOf(detail, step.key),
    evidenceFilesHref: stepEvidencePath(detail.id, step.key),
    evidence: step.evidence,
    quickComplete: can.complete && step.evidence !== 'required',
    completion: step.completion && {
      note: step.completion.note,
      by: step.completion.completedByName,
      at: step.completion.completedAt,
      files: step.completion.files.map((f) => ({
        fileName: f.fileName,
        size: formatBytes(f.sizeBytes),
        sha256: f.sha256,
        shortHash: shortHash(f.sha256),
        href: detail.mayDownloadEvidence ? `/onboardings/${detail.id}/evidence/${f.id}` : null,
      })),
    },
    completionBlockers: step.completionBlockers,
  };
}

/** The documents page section where a step decided elsewhere is decided. */
function decidedInLink(engagementId: string, step: StepView): StepCard['decidedIn'] {
  const document = step.decidedIn ? STEP_DOCUMENT[step.key] : undefined;
  return document ? { href: documentsPath(engagementId, document), document } : null;
}
