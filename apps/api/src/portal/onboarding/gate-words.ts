import type { Language } from '@app/identity';
import type { GateBlocker, OnboardingDetail, StepView } from '@app/workflow';
import { translate } from '../i18n/translate';
import { formatDate } from '../rendering/format-date';

type Steps = Pick<OnboardingDetail, 'steps' | 'customerName' | 'providerName'>;
type ReasonStep = Pick<
  StepView,
  'key' | 'type' | 'state' | 'reason' | 'proposer' | 'proposal' | 'party' | 'role'
> & { dependsOn?: string[] };

/** "Country IT staff at Sakura Manufacturing": a party's role, named by its organisation. */
export function whoText(
  language: Language,
  detail: Pick<OnboardingDetail, 'customerName' | 'providerName'>,
  party: string,
  role: string,
): string {
  return translate(language, 'onboarding.who', {
    role: translate(language, `roles.${role}`),
    organisation: party === 'customer' ? detail.customerName : detail.providerName,
  });
}

export function joinList(language: Language, items: string[]): string {
  return items.join(translate(language, 'onboarding.gate.listSeparator'));
}

/**
 * Why a step is not settled, in the page's language. The engine's own `reason` on a blocker is
 * English; this says the same from the step's facts: which steps it waits for, that it was
 * rejected (with the rejecter's words), that the approved content changed, or whose turn it is.
 */
export function waitReason(language: Language, detail: Steps, step: ReasonStep): string {
  const titleOf = (key: string): string => detail.steps.find((s) => s.key === key)?.title ?? key;
  switch (step.state) {
    case 'blocked': {
      const dependsOn =
        step.dependsOn ?? detail.steps.find((s) => s.key === step.key)?.dependsOn ?? [];
      const waiting = dependsOn.filter((key) => {
        const state = detail.steps.find((s) => s.key === key)?.state;
        return state !== 'done' && state !== 'waived';
      });
      return translate(language, 'onboarding.reason.blocked', {
        steps: joinList(language, waiting.map(titleOf)),
      });
    }
    case 'rejected':
      return step.reason
        ? translate(language, 'onboarding.reason.rejected', { reason: step.reason })
        : translate(language, 'onboarding.reason.rejectedNoReason');
    case 'stale': {
      // A configuration change recorded what changed on the proposal it outdated.
      const what = step.proposal?.outdated?.[language];
      return what
        ? translate(language, 'proposals.reason.stale', { what })
        : translate(language, 'onboarding.reason.stale');
    }
    case 'open':
      if (step.type === 'approval' && step.proposer && step.proposal?.outdated) {
        return translate(language, 'proposals.reason.outdated', {
          version: step.proposal.version,
          what: step.proposal.outdated[language],
          who: whoText(language, detail, step.proposer.party, step.proposer.role),
        });
      }
      if (step.type === 'approval' && step.proposer && !step.proposal) {
        return translate(language, 'onboarding.reason.awaitingProposal', {
          who: whoText(language, detail, step.proposer.party, step.proposer.role),
        });
      }
      if (step.type === 'approval' && step.proposal) {
        return translate(language, 'onboarding.reason.awaitingApproval', {
          version: step.proposal.version,
        });
      }
      return translate(language, `onboarding.reason.open.${step.type}`);
    default:
      return '';
  }
}

export interface GateWords {
  ready: boolean;
  started: boolean;
  /** One sentence: started, ready, or cannot start with how many required steps are missing. */
  headline: string;
  /** The missing steps by state, e.g. "Open now (2): A, B." */
  lines: string[];
}

/** The gate's verdict as sentences in the page's language. */
export function gateWords(
  language: Language,
  detail: Pick<OnboardingDetail, 'status' | 'serviceStartedAt' | 'gate'>,
  timeZone = 'UTC',
): GateWords {
  const { gate } = detail;
  if (detail.status === 'active') {
    return {
      ready: true,
      started: true,
      headline: translate(language, 'onboarding.gate.started', {
        date: formatDate(language, detail.serviceStartedAt, false, timeZone),
      }),
      lines: [],
    };
  }
  if (gate.ready) {
    return {
      ready: true,
      started: false,
      headline: translate(language, 'onboarding.gate.ready'),
      lines: [],
    };
  }
  // A failing check is one blocker per reason; count and list each step once.
  const count = new Set(gate.blockers.map((b) => b.stepKey)).size;
  const headline = translate(
    language,
    count === 1 ? 'onboarding.gate.notReadyOne' : 'onboarding.gate.notReadyMany',
    { count },
  );
  const titles = (state: GateBlocker['state']): string[] => [
    ...new Set(gate.blockers.filter((b) => b.state === state).map((b) => b.title)),
  ];
  const lines: string[] = [];
  for (const [state, key] of [
    ['open', 'onboarding.gate.groupOpen'],
    ['rejected', 'onboarding.gate.groupRejected'],
    ['stale', 'onboarding.gate.groupStale'],
  ] as const) {
    const listed = titles(state);
    if (listed.length) {
      lines.push(
        translate(language, key, { count: listed.length, steps: joinList(language, listed) }),
      );
    }
  }
  const blocked = titles('blocked').length;
  if (blocked) lines.push(translate(language, 'onboarding.gate.groupBlocked', { count: blocked }));
  const overdue = gate.blockers.filter((b) => b.overdue).length;
  if (overdue) lines.push(translate(language, 'onboarding.gate.overdue', { count: overdue }));
  return { ready: false, started: false, headline, lines };
}
