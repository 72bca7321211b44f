import type { Language } from '@app/identity';
import type { OnboardingEventDetails } from '@app/workflow';
import { translate } from '../i18n/translate';

export interface HistoryReasonEvent {
  action: string;
  reason: string | null;
  details?: OnboardingEventDetails | null;
}

/**
 * An event's reason in the page's language when the engine wrote it from what changed (kept in
 * each language in `details`); people's own words, and events from before the details were
 * kept, are shown as recorded.
 */
export function historyReason(language: Language, event: HistoryReasonEvent): string | null {
  const what = event.details?.changes?.[language];
  if (!what) return event.reason;
  if (event.action === 'stale')
    return translate(language, 'proposals.history.staleReason', { what });
  if (event.action === 'proposal_outdated' && event.details?.proposalVersion !== undefined)
    return translate(language, 'proposals.history.outdatedReason', {
      version: event.details.proposalVersion,
      what,
    });
  return event.reason;
}
