import { ConversationLink, ConversationLinks } from '@app/collaboration';
import { Injectable } from '@nestjs/common';
import {
  defaultRunbook,
  DocumentOverview,
  EngagementDocumentsService,
  FieldChange,
  ProviderCatalogueService,
  RunbookKind,
  VersionSummary,
} from '@app/agreements';
import { can, EngagementView, Language, OrganisationService } from '@app/identity';
import type { FieldError } from '@app/platform';
import { translate } from '../i18n/translate';
import { PortalViewer } from '../session/portal-viewer.service';
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH } from '../onboarding/step-action-flash';
import {
  documentAnchor,
  DOCUMENT_SLUGS,
  DocumentSlug,
  MAX_DRAFT_LENGTH,
  portalDocumentHref,
  showValue,
  SLUG_KIND,
} from './document-input';

export interface VersionRow {
  version: number;
  status: string;
  createdAt: Date;
  proposedAt: Date | null;
  decidedAt: Date | null;
  rejectionReason: string | null;
  htmlHref: string;
  pdfHref: string;
  /** The version's conversation and how many comments the viewer sees in it. */
  conversation?: ConversationLink | null;
}

export interface ComparisonRow {
  path: string;
  before: string | null;
  after: string | null;
}

/** What the edit form shows when a save was refused: the text as typed and why. */
export interface DraftProblem {
  slug: DocumentSlug;
  text: string;
  /** Catalog key under `documents.problem.` for the form's own checks. */
  key: string | null;
  /** The JSON parser's words, for invalid JSON. */
  detail: string | null;
  /** The validator's field messages (the API's 400 details). */
  fields: FieldError[];
}

export interface DocumentSection {
  slug: DocumentSlug;
  kind: string;
  anchor: string;
  /** The newest version's number and status; null: none yet. */
  newest: { version: number; status: string } | null;
  current: VersionRow | null;
  draft: VersionRow | null;
  versions: VersionRow[];
  /** Runbooks: the agreement version they were rendered against vs the one now current. */
  agreementVersionNow: number | null;
  /** Provider staff: the draft editor. */
  edit: {
    text: string;
    /** The open draft's version, which the propose button proposes. */
    proposeVersion: number | null;
    problem: DraftProblem | null;
    maxLength: number;
  } | null;
  /** The customer's security lead: the proposed version to decide on. */
  review: {
    version: number;
    htmlHref: string;
    pdfHref: string;
    from: number | null;
    changes: ComparisonRow[];
  } | null;
}

export interface DocumentsPage {
  engagementId: string;
  engagementName: string;
  customerName: string;
  providerName: string;
  canEdit: boolean;
  canDecide: boolean;
  catalogue: { agreementVersion: number | null; meets: boolean; mismatches: string[] };
  documents: DocumentSection[];
  reasonLimits: { min: number; max: number };
}

function row(version: VersionSummary): VersionRow {
  return {
    version: version.version,
    status: version.status,
    createdAt: version.createdAt,
    proposedAt: version.proposedAt,
    decidedAt: version.decidedAt,
    rejectionReason: version.rejectionReason,
    htmlHref: portalDocumentHref(version.links.html),
    pdfHref: portalDocumentHref(version.links.pdf),
  };
}

function pretty(content: unknown): string {
  return JSON.stringify(content, null, 2);
}

/** The engagement's documents page, always through the viewer's scope. */
@Injectable()
export class DocumentPageService {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly documents: EngagementDocumentsService,
    private readonly catalogues: ProviderCatalogueService,
    private readonly conversationLinks: ConversationLinks,
  ) {}

  /** Provider lead or analyst of the engagement's provider. */
  mayEdit(viewer: PortalViewer, engagement: EngagementView): boolean {
    return can(viewer.scope, 'document.compose', engagement);
  }

  /** The customer's security lead. */
  mayDecide(viewer: PortalViewer, engagement: EngagementView): boolean {
    return can(viewer.scope, 'document.decide', engagement);
  }

  /** A document's name in `language`, for messages. */
  documentName(language: Language, slug: DocumentSlug): string {
    return translate(language, `documents.kind.${slug}`);
  }

  async page(
    viewer: PortalViewer,
    engagement: EngagementView,
    language: Language,
    problem: DraftProblem | null = null,
  ): Promise<DocumentsPage> {
    const canEdit = this.mayEdit(viewer, engagement);
    const canDecide = this.mayDecide(viewer, engagement);
    const check = await this.catalogues.check(viewer.scope, engagement.id);
    const documents: DocumentSection[] = [];
    const conversations = await this.conversationLinks.ofDocumentVersions(
      viewer.scope,
      engagement.id,
    );
    for (const slug of DOCUMENT_SLUGS) {
      const overview = await this.documents.overview(viewer.scope, engagement.id, SLUG_KIND[slug]);
      documents.push(
        await this.section(viewer, engagement, slug, overview, {
          canEdit,
          canDecide,
          problem: problem?.slug === slug ? problem : null,
        }),
      );
      const section = documents[documents.length - 1];
      for (const version of section?.versions ?? [])
        version.conversation = conversations.get(`${SLUG_KIND[slug]}:${version.version}`) ?? null;
    }
    return {
      engagementId: engagement.id,
      engagementName: engagement.name,
      customerName: engagement.customerName,
      providerName: engagement.providerName,
      canEdit,
      canDecide,
      catalogue: {
        agreementVersion: check.agreementVersion,
        meets: check.meets,
        mismatches: check.mismatches,
      },
      documents,
      reasonLimits: { min: MIN_REASON_LENGTH, max: MAX_REASON_LENGTH },
    };
  }

  private async section(
    viewer: PortalViewer,
    engagement: EngagementView,
    slug: DocumentSlug,
    overview: DocumentOverview,
    options: { canEdit: boolean; canDecide: boolean; problem: DraftProblem | null },
  ): Promise<DocumentSection> {
    const versions = [...overview.versions].sort((a, b) => b.version - a.version);
    const newest = versions[0] ?? null;
    const current = overview.current;
    let review: DocumentSection['review'] = null;
    if (options.canDecide && current?.status === 'proposed') {
      const comparison = await this.documents.compare(
        viewer.scope,
        engagement.id,
        overview.kind,
        undefined,
        current.version,
      );
      review = {
        version: current.version,
        htmlHref: portalDocumentHref(current.links.html),
        pdfHref: portalDocumentHref(current.links.pdf),
        from: comparison.from,
        changes: comparison.changes.map((change: FieldChange) => ({
          path: change.path,
          before: showValue(change.before),
          after: showValue(change.after),
        })),
      };
    }
    return {
      slug,
      kind: overview.kind,
      anchor: documentAnchor(slug),
      newest: newest && { version: newest.version, status: newest.status },
      current: current && row(current),
      draft: overview.draft && row(overview.draft),
      versions: versions.map(row),
      agreementVersionNow: overview.currentAgreementVersion ?? null,
      edit: options.canEdit
        ? {
            text: options.problem
              ? options.problem.text
              : await this.editorText(viewer, engagement, overview, newest),
            proposeVersion: overview.draft?.version ?? null,
            problem: options.problem,
            maxLength: MAX_DRAFT_LENGTH,
          }
        : null,
      review,
    };
  }

  /** The open draft, else the newest version, else a runbook's default or an empty object. */
  private async editorText(
    viewer: PortalViewer,
    engagement: EngagementView,
    overview: DocumentOverview,
    newest: VersionSummary | null,
  ): Promise<string> {
    if (overview.draft) return pretty(overview.draft.content);
    if (newest) {
      const found = await this.documents.getVersion(
        viewer.scope,
        engagement.id,
        overview.kind,
        newest.version,
      );
      return pretty(found.content);
    }
    if (overview.kind === 'service_agreement') return '{}';
    return pretty(
      defaultRunbook(overview.kind as RunbookKind, await this.customerLanguage(viewer, engagement)),
    );
  }

  private async customerLanguage(
    viewer: PortalViewer,
    engagement: EngagementView,
  ): Promise<Language> {
    // Not a form: a viewer who may not read the customer organisation gets the draft in their own language.
    try {
      return (await this.organisations.get(viewer.scope, engagement.customerOrganisationId))
        .language;
    } catch {
      return viewer.language;
    }
  }
}
