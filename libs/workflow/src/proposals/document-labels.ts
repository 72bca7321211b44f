import type { Language } from '@app/access';
import { interpolate } from '@app/platform';
import { WORKFLOW_MESSAGE_FILES } from '../messages/workflow-messages';

/** The words of a proposal document's frame (the snapshot's own words come from its provider). */
export interface DocumentLabels {
  proposal: string;
  customer: string;
  provider: string;
  engagement: string;
  step: string;
  version: string;
  status: string;
  proposedBy: string;
  proposedOn: string;
  hash: string;
  hashNote: string;
  note: string;
  comparedWith: string;
  firstApproval: string;
  changesHeading: (version: number) => string;
  changesFirst: string;
  noChanges: string;
  item: string;
  field: string;
  before: string;
  after: string;
  mark: { added: string; removed: string; changed: string };
  statusText: Record<ProposalStatus, string>;
  outdatedBecause: (what: string) => string;
  approvedOn: (version: number, date: string, by: string | null) => string;
  kind: { snapshot: string; content: string };
  /** A version of a configuration step written before the portal took snapshots. */
  legacy: string;
  /** "a (b)", with the language's brackets. */
  aside: (text: string, aside: string) => string;
}

export type ProposalStatus =
  'approved' | 'awaiting_approval' | 'outdated' | 'superseded' | 'rejected';

/** `proposalDocument.*` in the workflow catalog; typed, so a missing word does not compile. */
export const DOCUMENT_LABELS: Readonly<Record<Language, DocumentLabels>> = {
  ja: documentLabels('ja'),
  en: documentLabels('en'),
  zh: documentLabels('zh'),
};

function documentLabels(language: Language): DocumentLabels {
  const words = WORKFLOW_MESSAGE_FILES[language].proposalDocument;
  const { changesHeading, outdatedBecause, approvedOn, approvedOnBy, aside, ...plain } = words;
  return {
    ...plain,
    changesHeading: (version) => interpolate(changesHeading, { version }),
    outdatedBecause: (what) => interpolate(outdatedBecause, { what }),
    approvedOn: (version, date, by) =>
      by
        ? interpolate(approvedOnBy, { version, date, by })
        : interpolate(approvedOn, { version, date }),
    aside: (text, note) => interpolate(aside, { text, aside: note }),
  };
}
