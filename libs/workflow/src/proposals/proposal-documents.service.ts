import { Injectable } from '@nestjs/common';
import { AccessScope, Engagement, Organisation, User } from '@app/identity';
import type { Language } from '@app/access';
import { NotFoundException, TransactionRunner } from '@app/platform';
import { EntityManager, In, LessThan } from 'typeorm';
import { OnboardingEvent } from '../entities/onboarding-event.entity';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import { StepSubmission, SubmissionKind } from '../entities/step-submission.entity';
import { formatDate } from '../notifications/notification-labels';
import { latestSubmission } from '../services/approval-content';
import { OnboardingAccess } from '../services/onboarding-access';
import { DOCUMENT_LABELS, ProposalStatus } from './document-labels';
import { compareFreeForm, freeFormSchema, freeFormSections } from './free-form-schemas';
import { isPlanSnapshot } from './plan-snapshot';
import { configurationOf } from './plan-snapshots.service';
import { DocumentSection, markChanges, ProposalChange } from './proposal-document';
import { ProposalSubjectRegistry } from './proposal-subjects.registry';

export interface ComparedWith {
  version: number;
  approvedAt: Date;
  approvedBy: string | null;
}

/** One proposal version as a document in one language; see ProposalDocumentRenderer for the HTML. */
export interface ProposalDocumentModel {
  language: Language;
  onboardingId: string;
  stepKey: string;
  version: number;
  kind: SubmissionKind;
  hash: string;
  title: string;
  status: ProposalStatus;
  note: string | null;
  proposedBy: string | null;
  proposedAt: Date;
  meta: { label: string; value: string }[];
  /** Why it can no longer be approved, when the configuration moved on. */
  outdated: string | null;
  comparedWith: ComparedWith | null;
  changes: ProposalChange[];
  sections: DocumentSection[];
  links: { html: string; pdf: string; comparison: string };
}

export interface ProposalComparison {
  stepKey: string;
  version: number;
  comparedWith: ComparedWith | null;
  changes: ProposalChange[];
}

export function proposalLinks(
  onboardingId: string,
  stepKey: string,
  version: number,
): ProposalDocumentModel['links'] {
  const base = `/api/onboardings/${onboardingId}/steps/${stepKey}/proposals/${version}`;
  return {
    html: `${base}/document?format=html`,
    pdf: `${base}/document?format=pdf`,
    comparison: `${base}/comparison`,
  };
}

/**
 * Proposals as people read them: the snapshot's tables and counts, or the written fields, in
 * the reader's language, with the changes since the last approved version. Everyone who sees
 * the onboarding reads them; another tenant's onboarding is 404.
 */
@Injectable()
export class ProposalDocumentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: OnboardingAccess,
    private readonly registry: ProposalSubjectRegistry,
  ) {}

  async model(
    scope: AccessScope,
    id: string,
    key: string,
    version: number,
    language: Language,
  ): Promise<ProposalDocumentModel> {
    const manager = this.tx.manager;
    const { onboarding, engagement } = await this.access.load(scope, manager, id);
    const step = await manager
      .getRepository(OnboardingStep)
      .findOneBy({ onboardingId: onboarding.id, key });
    if (!step) throw new NotFoundException('Step');
    const submission = await manager
      .getRepository(StepSubmission)
      .findOneBy({ onboardingId: onboarding.id, stepKey: key, version });
    if (!submission) throw new NotFoundException('Proposal');
    const latest = (await latestSubmission(manager, onboarding.id, key)) as StepSubmission;
    const compared = await this.lastApprovedBefore(manager, submission);
    const comparedWith = compared && {
      version: compared.submission.version,
      approvedAt: compared.at,
      approvedBy: compared.by,
    };
    const people = await this.names(manager, [submission.submittedBy, compared?.by ?? null]);
    const { title, sections, changes } = this.describe(
      submission,
      compared?.submission ?? null,
      language,
    );
    const status = statusOf(step, submission, latest);
    const t = DOCUMENT_LABELS[language];
    const proposedBy = people.get(submission.submittedBy) ?? null;
    const approvedBy = comparedWith?.approvedBy
      ? (people.get(comparedWith.approvedBy) ?? null)
      : null;
    const organisations = await this.organisations(manager, engagement);
    const meta = [
      { label: t.customer, value: organisations.customer },
      { label: t.provider, value: organisations.provider },
      { label: t.engagement, value: engagement.name },
      { label: t.version, value: t.aside(`v${submission.version}`, t.kind[submission.kind]) },
      { label: t.status, value: t.statusText[status] },
      { label: t.proposedBy, value: proposedBy ?? '—' },
      { label: t.proposedOn, value: formatDate(submission.submittedAt, language) },
      { label: t.hash, value: t.aside(submission.contentHash, t.hashNote) },
      ...(submission.note ? [{ label: t.note, value: submission.note }] : []),
      {
        label: t.comparedWith,
        value: comparedWith
          ? t.approvedOn(
              comparedWith.version,
              formatDate(comparedWith.approvedAt, language),
              approvedBy,
            )
          : t.firstApproval,
      },
    ];
    return {
      language,
      onboardingId: onboarding.id,
      stepKey: key,
      version: submission.version,
      kind: submission.kind,
      hash: submission.contentHash,
      title,
      status,
      note: submission.note,
      proposedBy,
      proposedAt: submission.submittedAt,
      meta,
      outdated:
        status === 'outdated' && submission.outdatedChanges
          ? t.outdatedBecause(submission.outdatedChanges[language])
          : null,
      comparedWith: comparedWith && { ...comparedWith, approvedBy },
      changes,
      sections: markChanges(sections, changes),
      links: proposalLinks(onboarding.id, key, submission.version),
    };
  }

  async comparison(
    scope: AccessScope,
    id: string,
    key: string,
    version: number,
    language: Language,
  ): Promise<ProposalComparison> {
    const model = await this.model(scope, id, key, version, language);
    return { stepKey: key, version, comparedWith: model.comparedWith, changes: model.changes };
  }

  /** Title, sections and changes from the snapshot's provider, or from the step's written schema. */
  private describe(
    submission: StepSubmission,
    approved: StepSubmission | null,
    language: Language,
  ) {
    const provider = this.registry.snapshotFor(submission.stepKey);
    if (provider && !isPlanSnapshot(submission.content)) {
      // Written by hand before configuration steps took snapshots: nothing to show but that.
      const t = DOCUMENT_LABELS[language];
      return {
        title: provider.title[language],
        sections: [{ key: 'legacy', heading: t.proposal, intro: t.legacy }],
        changes: [],
      };
    }
    if (provider && isPlanSnapshot(submission.content)) {
      return {
        title: provider.title[language],
        sections: provider.sections(submission.content, language, submission.submittedAt),
        changes: approved
          ? provider.compare(configurationOf(approved), configurationOf(submission), language)
          : [],
      };
    }
    const schema = freeFormSchema(submission.stepKey);
    if (!schema) throw new NotFoundException('Proposal document');
    return {
      title: schema.title[language],
      sections: freeFormSections(schema.fields, submission.content, language),
      changes: approved
        ? compareFreeForm(schema.fields, approved.content, submission.content, language)
        : [],
    };
  }

  /** The newest approval of this step, before this version, and the version it approved. */
  private async lastApprovedBefore(
    manager: EntityManager,
    submission: StepSubmission,
  ): Promise<{ submission: StepSubmission; at: Date; by: string | null } | null> {
    const approvals = await manager.getRepository(OnboardingEvent).find({
      where: {
        onboardingId: submission.onboardingId,
        stepKey: submission.stepKey,
        action: 'approved',
      },
      order: { id: 'DESC' },
    });
    for (const approval of approvals) {
      if (!approval.contentHash) continue;
      const approved = await manager.getRepository(StepSubmission).findOne({
        where: {
          onboardingId: submission.onboardingId,
          stepKey: submission.stepKey,
          contentHash: approval.contentHash,
          version: LessThan(submission.version),
        },
        order: { version: 'DESC' },
      });
      if (approved) return { submission: approved, at: approval.at, by: approval.actorUserId };
    }
    return null;
  }

  private async names(
    manager: EntityManager,
    ids: (string | null)[],
  ): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    const users = wanted.length ? await manager.getRepository(User).findBy({ id: In(wanted) }) : [];
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  private async organisations(
    manager: EntityManager,
    engagement: Engagement,
  ): Promise<{ customer: string; provider: string }> {
    const rows = await manager
      .getRepository(Organisation)
      .findBy({ id: In([engagement.customerOrganisationId, engagement.providerOrganisationId]) });
    const name = (id: string) => rows.find((o) => o.id === id)?.name ?? '';
    return {
      customer: name(engagement.customerOrganisationId),
      provider: name(engagement.providerOrganisationId),
    };
  }
}

function statusOf(
  step: OnboardingStep,
  submission: StepSubmission,
  latest: StepSubmission,
): ProposalStatus {
  if (submission.version < latest.version) return 'superseded';
  if (submission.outdatedAt !== null) return 'outdated';
  if (step.state === 'done' && step.contentHash === submission.contentHash) return 'approved';
  if (step.state === 'rejected') return 'rejected';
  return 'awaiting_approval';
}
