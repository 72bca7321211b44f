import type { Language } from '@app/identity';
import { translate } from '../i18n/translate';
import { stepAnchor } from '../session/flash';
import type { HistoryRow } from './onboarding-page.types';
import { historyReason, HistoryReasonEvent } from './history-reason';

/** The onboarding page shows the newest events; the rest are a link away. */
export const LATEST_HISTORY = 20;
/** Events per page of the whole history. */
export const HISTORY_PAGE_SIZE = 50;

export function onboardingHistoryPath(id: string, page = 1): string {
  return page > 1 ? `/onboardings/${id}/history?page=${page}` : `/onboardings/${id}/history`;
}

/** History actions the catalogs have words for; anything else is shown as recorded. */
const HISTORY_ACTIONS = new Set([
  'created',
  'completed',
  'approved',
  'rejected',
  'waived',
  'reopened',
  'revised',
  'stale',
  'unblocked',
  'blocked',
  'proposal_submitted',
  'service_started',
  'start_refused',
]);

/** What a history entry says happened; anything without words is shown as recorded. */
function historyLabel(language: Language, action: string): string {
  if (action === 'proposal_outdated') return translate(language, 'proposals.history.outdated');
  return HISTORY_ACTIONS.has(action)
    ? translate(language, `onboarding.history.action.${action}`)
    : action;
}

/**
 * The history's rows in the page's language. The labels depend only on the action and the
 * states, so each is translated once per page however many rows repeat it.
 */
export function historyRows(
  language: Language,
  events: readonly {
    at: Date;
    actorName: string | null;
    action: string;
    stepKey: string | null;
    fromState: string | null;
    toState: string | null;
    reason: string | null;
    details?: HistoryReasonEvent['details'];
  }[],
  titleOf: (key: string | null) => string | null,
): HistoryRow[] {
  const words = new Map<string, string>();
  const once = (key: string, make: () => string): string => {
    let text = words.get(key);
    if (text === undefined) {
      text = make();
      words.set(key, text);
    }
    return text;
  };
  const state = (s: string): string =>
    once(`state:${s}`, () => translate(language, `onboarding.state.${s}`));
  return events.map((event) => ({
    at: event.at,
    actorName: event.actorName,
    actionLabel: once(`action:${event.action}`, () => historyLabel(language, event.action)),
    stepTitle: titleOf(event.stepKey),
    stepAnchor: event.stepKey ? stepAnchor(event.stepKey) : null,
    states: !event.toState
      ? null
      : event.fromState
        ? once(`move:${event.fromState}:${event.toState}`, () =>
            translate(language, 'onboarding.history.transition', {
              from: state(event.fromState as string),
              to: state(event.toState as string),
            }),
          )
        : state(event.toState),
    reason: historyReason(language, event),
  }));
}
