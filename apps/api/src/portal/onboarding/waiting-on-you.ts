import type { Language } from '@app/identity';
import { OnboardingDetail, StepView, waitedOn } from '@app/workflow';
import { stepAnchor } from '../session/flash';
import { FeatureLink, placeOf } from './feature-links';
import { waitReason } from './gate-words';
import { proposalPagePath } from '../proposals/proposal-paths';

export interface WaitingItem {
  onboardingId: string;
  customerName: string;
  stepKey: string;
  /** The step's card on the onboarding page. */
  href: string;
  title: string;
  type: string;
  state: string;
  dueAt: Date;
  overdue: boolean;
  /** act: the viewer approves or completes it; propose: the viewer's proposal is awaited. */
  kind: 'act' | 'propose';
  /** The one-click action the list offers; reject, waive and the rest are on the step's page. */
  button: 'approve' | 'complete' | null;
  proposal: { version: number; shortHash: string } | null;
  version: number;
  reason: string;
  /** Where to act when it is not the step's card: a feature page or a document section. */
  place: FeatureLink | null;
}

/** Rejected, nothing proposed yet, or the newest proposal out of date: the proposer is waited on. */
function needsProposal(step: StepView): boolean {
  const status = !step.proposal ? 'none' : step.proposal.outdated !== null ? 'outdated' : 'current';
  return waitedOn(step, step.proposer, status).proposing;
}

function kindFor(step: StepView, viewerId: string | null): WaitingItem['kind'] | null {
  const live = step.state === 'open' || step.state === 'stale';
  // Signed, confirmed or approved through another feature: it waits on the people it names.
  if (live && step.decidedIn && viewerId && step.assignees.some((a) => a.id === viewerId))
    return 'act';
  const acting = step.actions.includes('approve') || step.actions.includes('complete');
  // An approval with nothing proposed yet waits on its proposer, not on its approver.
  if (live && acting && !needsProposal(step)) return 'act';
  const proposing = step.actions.includes('propose');
  if (proposing && needsProposal(step)) return 'propose';
  return null;
}

/**
 * The steps of one onboarding that wait on the viewer: open (or stale) steps the viewer's party
 * and role act on, and approvals that wait for the viewer's (revised) proposal. Derived from
 * `StepView.actions`, which the engine computes for the caller, so the list never offers what
 * the engine would refuse. Steps decided through another feature (a signature, the domain
 * confirmation, a document's approval) wait on their assignees (`viewerId`), who act there.
 */
export function waitingOnViewer(
  language: Language,
  detail: OnboardingDetail,
  viewerId: string | null = null,
): WaitingItem[] {
  const items: WaitingItem[] = [];
  for (const step of detail.steps) {
    const kind = kindFor(step, viewerId);
    if (!kind) continue;
    // A proposal is read and decided on its own page, never approved blind from the list.
    const decide =
      kind === 'act' && step.proposer !== null && step.proposal !== null && !step.decidedIn;
    items.push({
      onboardingId: detail.id,
      customerName: detail.customerName,
      stepKey: step.key,
      href: `/onboardings/${detail.id}#${stepAnchor(step.key)}`,
      title: step.title,
      type: step.type,
      state: step.state,
      dueAt: step.dueAt,
      overdue: step.overdue,
      kind,
      // A task that needs evidence files is completed on its card, where the files are attached.
      button:
        kind !== 'act' || decide
          ? null
          : step.actions.includes('complete') && step.evidence !== 'required'
            ? 'complete'
            : step.actions.includes('approve')
              ? 'approve'
              : null,
      proposal: step.proposal
        ? { version: step.proposal.version, shortHash: step.proposal.contentHash.slice(0, 12) }
        : null,
      version: step.version,
      reason: waitReason(language, detail, step),
      place:
        decide && step.proposal
          ? {
              href: proposalPagePath(detail.id, step.key, step.proposal.version),
              labelKey: 'proposals.card.decide',
            }
          : placeOf(detail, step),
    });
  }
  return items;
}

/** Soonest due first; overdue ones therefore lead. */
export function byDueDate(a: WaitingItem, b: WaitingItem): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || a.title.localeCompare(b.title);
}
