import { Injectable } from '@nestjs/common';
import type { Language } from '@app/identity';
import {
  DOCUMENT_LABELS,
  OnboardingViewService,
  ProposalDocumentModel,
  ProposalDocumentsService,
} from '@app/workflow';
import { translate } from '../i18n/translate';
import { stepAnchor } from '../session/flash';
import { PortalViewer } from '../session/portal-viewer.service';
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH } from '../onboarding/step-action-flash';
import { proposalPagePath } from './proposal-paths';

export interface ProposalPage {
  /** The onboarding's id (the step forms post under it). */
  id: string;
  back: string;
  stepKey: string;
  stepTitle: string;
  title: string;
  eyebrow: string;
  meta: { label: string; value: string }[];
  outdated: string | null;
  changesHeading: string;
  compared: boolean;
  noChanges: string;
  firstApproval: string;
  changeColumns: string[];
  changes: {
    kind: string;
    mark: string;
    item: string;
    field: string;
    before: string;
    after: string;
  }[];
  sections: {
    heading: string;
    intro: string | null;
    warnings: string[];
    facts: { label: string; value: string; changed: boolean; mark: string }[];
    table: {
      columns: string[];
      rows: { status: string; mark: string; cells: string[] }[];
      empty: string;
    } | null;
    marked: boolean;
  }[];
  links: { html: string; pdf: string };
  newer: { version: number; href: string } | null;
  /** The approver's forms, when this version is the one waiting for their decision. */
  decide: { version: number; stepVersion: number; hash: string } | null;
  /** Why the approver cannot decide this version now (out of date, replaced, decided). */
  notNow: string | null;
  reasonLimits: { min: number; max: number };
}

/** The proposal page: the document in the reader's language, what changed, and the decision. */
@Injectable()
export class ProposalPageService {
  constructor(
    private readonly documents: ProposalDocumentsService,
    private readonly views: OnboardingViewService,
  ) {}

  async page(
    viewer: PortalViewer,
    id: string,
    key: string,
    version: number,
    language: Language,
  ): Promise<ProposalPage> {
    const model = await this.documents.model(viewer.scope, id, key, version, language);
    const detail = await this.views.detail(viewer.scope, id, language, { historyLimit: 0 });
    const step = detail.steps.find((s) => s.key === key);
    const latest = step?.proposal?.version ?? version;
    const t = DOCUMENT_LABELS[language];
    const approver = !!step && step.actions.includes('approve');
    const decidable =
      approver &&
      model.status === 'awaiting_approval' &&
      (step?.state === 'open' || step?.state === 'stale');
    return {
      id,
      back: `/onboardings/${id}#${stepAnchor(key)}`,
      stepKey: key,
      stepTitle: step?.title ?? key,
      title: translate(language, 'proposals.pageTitle', { document: model.title, version }),
      eyebrow: translate(language, 'proposals.eyebrow', { step: step?.title ?? key }),
      meta: model.meta,
      outdated: model.outdated,
      changesHeading: model.comparedWith
        ? t.changesHeading(model.comparedWith.version)
        : t.changesFirst,
      compared: model.comparedWith !== null,
      noChanges: t.noChanges,
      firstApproval: t.firstApproval,
      changeColumns: [t.item, t.field, t.before, t.after],
      changes: model.changes.map((c) => ({
        kind: c.kind,
        mark: t.mark[c.kind],
        item: c.item,
        field: c.field ?? '',
        before: c.before ?? '—',
        after: c.after ?? '—',
      })),
      sections: sectionsOf(model, language),
      links: { html: model.links.html, pdf: model.links.pdf },
      newer: latest > version ? { version: latest, href: proposalPagePath(id, key, latest) } : null,
      decide: decidable && step ? { version, stepVersion: step.version, hash: model.hash } : null,
      notNow:
        approver && !decidable
          ? translate(language, 'proposals.decide.notNow', { status: t.statusText[model.status] })
          : null,
      reasonLimits: { min: MIN_REASON_LENGTH, max: MAX_REASON_LENGTH },
    };
  }
}

function sectionsOf(model: ProposalDocumentModel, language: Language): ProposalPage['sections'] {
  const t = DOCUMENT_LABELS[language];
  const marked = model.comparedWith !== null && model.changes.length > 0;
  return model.sections.map((section) => ({
    heading: section.heading,
    intro: section.intro ?? null,
    warnings: section.warnings ?? [],
    facts: (section.facts ?? []).map((f) => ({
      label: f.label,
      value: f.value,
      changed: !!f.changed,
      mark: f.changed ? t.mark.changed : '',
    })),
    table: section.table
      ? {
          columns: section.table.columns,
          empty: section.table.empty,
          rows: section.table.rows.map((r) => ({
            status: r.status ?? '',
            mark: r.status ? t.mark[r.status] : '',
            cells: r.cells,
          })),
        }
      : null,
    marked,
  }));
}
