import { ConversationLinks } from '@app/collaboration';
import { Injectable } from '@nestjs/common';
import { Clock } from '@app/platform';
import { can, EngagementService, Language } from '@app/identity';
import { acceptedExtensions } from '@app/evidence';
import {
  localise,
  MAX_NOTE_LENGTH,
  OnboardingService,
  OnboardingSummary,
  OnboardingViewService,
  PHASES,
  StepView,
  TaskEvidenceService,
  TemplateRegistry,
} from '@app/workflow';
import { formatBytes } from './completion-flash';
import { PortalViewer } from '../session/portal-viewer.service';
import { stepAnchor } from '../session/flash';
import { gateWords, joinList, waitReason, whoText } from './gate-words';
import { MAX_REASON_LENGTH, MIN_REASON_LENGTH } from './step-action-flash';
import { incidentsPath } from '../incidents/incident-page-input';
import {
  HISTORY_PAGE_SIZE,
  historyRows,
  LATEST_HISTORY,
  onboardingHistoryPath,
} from './history-rows';
import { stepCard } from './step-card';
import type {
  EvidenceLimitsView,
  OnboardingHistoryView,
  OnboardingListPage,
  OnboardingPage,
} from './onboarding-page.types';

/** The templates the create form offers. */
export const ONBOARDING_TEMPLATE_KEYS = ['edr-mdr-onboarding'];

const LIST_LIMIT = 100;
/** Enough to know which engagements already have an onboarding. */
const ALL_LIMIT = 1000;

/** The data of the onboarding pages, always through the viewer's scope. */
@Injectable()
export class OnboardingPageService {
  constructor(
    private readonly onboardings: OnboardingService,
    private readonly views: OnboardingViewService,
    private readonly engagements: EngagementService,
    private readonly templates: TemplateRegistry,
    private readonly clock: Clock,
    private readonly evidence: TaskEvidenceService,
    private readonly conversationLinks: ConversationLinks,
  ) {}

  mayCreate(viewer: PortalViewer): boolean {
    return can(viewer.scope, 'onboarding.create');
  }

  summaries(
    viewer: PortalViewer,
    limit = ALL_LIMIT,
  ): Promise<{ items: OnboardingSummary[]; total: number }> {
    return this.onboardings.list(viewer.scope, {}, { limit, offset: 0 });
  }

  async list(viewer: PortalViewer, language: Language): Promise<OnboardingListPage> {
    const page = await this.summaries(viewer, LIST_LIMIT);
    return {
      items: page.items.map((o) => ({
        id: o.id,
        href: `/onboardings/${o.id}`,
        customerName: o.customerName,
        sequence: o.sequence,
        kind: o.kind,
        templateName: this.templateName(o.templateKey, o.templateVersion, language),
        status: o.status,
        currentPhase: o.currentPhase,
        requiredDone: o.requiredDone,
        requiredSteps: o.requiredSteps,
        overdueSteps: o.overdueSteps,
        plannedStartDate: o.plannedStartDate,
      })),
      total: page.total,
      truncated: page.total > page.items.length,
      create: this.mayCreate(viewer) ? await this.createForm(viewer, language) : null,
    };
  }

  async detail(viewer: PortalViewer, id: string, language: Language): Promise<OnboardingPage> {
    // The engagement the detail was read through: its permissions need no second query.
    const { detail, engagement, stepIds, historyTotal } = await this.views.detailWithEngagement(
      viewer.scope,
      id,
      language,
      { historyLimit: LATEST_HISTORY },
    );
    const titles = new Map(detail.steps.map((s) => [s.key, s.title]));
    const titleOf = (key: string | null): string | null =>
      key === null ? null : (titles.get(key) ?? key);
    const words = gateWords(language, detail, viewer.scope.timeZone);
    const conversations = await this.conversationLinks.ofKnownSteps(
      viewer.scope,
      engagement,
      stepIds,
    );
    return {
      id: detail.id,
      customerName: detail.customerName,
      sequence: detail.sequence,
      kind: detail.kind,
      providerName: detail.providerName,
      templateName: detail.templateName,
      plannedStartDate: detail.plannedStartDate,
      status: detail.status,
      currentPhase: detail.currentPhase,
      serviceStartedAt: detail.serviceStartedAt,
      incidentsHref: detail.status === 'active' ? incidentsPath(detail.engagementId) : null,
      checkpointsHref:
        detail.status === 'active' ? `/engagements/${detail.engagementId}/checkpoints` : null,
      readinessHref: can(viewer.scope, 'readiness.read', engagement)
        ? `/onboardings/${detail.id}/readiness`
        : null,
      gate: {
        ...words,
        blockers: detail.gate.blockers.map((blocker) => {
          const step = detail.steps.find((s) => s.key === blocker.stepKey);
          return {
            title: blocker.title,
            anchor: stepAnchor(blocker.stepKey),
            state: blocker.state,
            who: whoText(language, detail, blocker.waitingOn.party, blocker.waitingOn.role),
            names: joinList(
              language,
              blocker.waitingOn.users.map((u) => u.displayName),
            ),
            dueAt: blocker.dueAt,
            overdue: blocker.overdue,
            // An open check's blockers carry why it fails (one per reason, in the viewer's
            // language, from the feature behind it); other reasons are said from the step.
            // A failing check's reasons are already in the viewer's language (the feature behind
            // the check words them); other reasons are said from the step.
            reason:
              blocker.failedCheck || !step ? blocker.reason : waitReason(language, detail, step),
          };
        }),
      },
      canStart:
        detail.status === 'in_progress' &&
        detail.gate.ready &&
        can(viewer.scope, 'onboarding.start_service', engagement),
      phases: PHASES.map((phase) => {
        const status = detail.phases.find((p) => p.phase === phase);
        return {
          phase,
          title: status?.title ?? phase,
          current: detail.status === 'in_progress' && detail.currentPhase === phase,
          exitCriteriaMet: status?.exitCriteriaMet ?? true,
          reopened:
            !(status?.exitCriteriaMet ?? true) &&
            PHASES.indexOf(phase) < PHASES.indexOf(detail.currentPhase),
          required: status?.required ?? 0,
          settled: status?.settled ?? 0,
          total: status?.total ?? 0,
          steps: detail.steps
            .filter((s) => s.phase === phase)
            .map((s) => ({
              ...stepCard(language, detail, s),
              conversation: conversations.get(s.key) ?? null,
            })),
        };
      }).filter((group) => group.total > 0),
      history: historyRows(language, detail.history, titleOf),
      historyTotal,
      historyMore: historyTotal > detail.history.length,
      historyHref: onboardingHistoryPath(detail.id),
      reasonLimits: { min: MIN_REASON_LENGTH, max: MAX_REASON_LENGTH },
      evidenceLimits: this.evidenceLimits(),
      noteMax: MAX_NOTE_LENGTH,
    };
  }

  /** One page of the onboarding's whole history (1-based), through the viewer's scope. */
  async history(
    viewer: PortalViewer,
    id: string,
    language: Language,
    page: number,
  ): Promise<OnboardingHistoryView> {
    const read = await this.views.history(viewer.scope, id, language, {
      limit: HISTORY_PAGE_SIZE,
      offset: (page - 1) * HISTORY_PAGE_SIZE,
    });
    const titles = new Map(read.events.map((e) => [e.stepKey, e.stepTitle]));
    const from = (page - 1) * HISTORY_PAGE_SIZE;
    return {
      id: read.id,
      customerName: read.customerName,
      sequence: read.sequence,
      kind: read.kind,
      onboardingHref: `/onboardings/${read.id}`,
      events: historyRows(language, read.events, (key) => (key ? (titles.get(key) ?? key) : null)),
      total: read.total,
      page,
      from: read.events.length > 0 ? from + 1 : 0,
      to: from + read.events.length,
      previousHref: page > 1 ? onboardingHistoryPath(read.id, page - 1) : null,
      nextHref:
        from + read.events.length < read.total ? onboardingHistoryPath(read.id, page + 1) : null,
    };
  }

  evidenceLimits(): EvidenceLimitsView {
    const { maxFiles, maxFileBytes, types } = this.evidence.limits;
    const extensions = acceptedExtensions(types);
    return {
      maxFiles,
      maxSize: formatBytes(maxFileBytes),
      accept: extensions.join(','),
      kinds: extensions.join(', '),
    };
  }

  /** One step of an onboarding as the viewer sees it now (null: no such step). */
  async step(
    viewer: PortalViewer,
    id: string,
    key: string,
    language: Language,
  ): Promise<StepView | null> {
    const detail = await this.views.detail(viewer.scope, id, language, { historyLimit: 0 });
    return detail.steps.find((s) => s.key === key) ?? null;
  }

  templateName(key: string, version: number, language: Language): string {
    // Not a form: a template this build no longer registers is named by its key.
    try {
      return localise(this.templates.get(key, version).name, language);
    } catch {
      return key;
    }
  }

  private async createForm(
    viewer: PortalViewer,
    language: Language,
  ): Promise<NonNullable<OnboardingListPage['create']>> {
    const [engagements, onboardings] = await Promise.all([
      this.engagements.list(viewer.scope, { limit: ALL_LIMIT, offset: 0 }),
      this.summaries(viewer),
    ]);
    const running = new Set(
      onboardings.items.filter((o) => o.status === 'in_progress').map((o) => o.engagementId),
    );
    const started = new Set(
      onboardings.items.filter((o) => o.status === 'active').map((o) => o.engagementId),
    );
    const scope = viewer.scope;
    const mine = engagements.items
      .filter((e) => !running.has(e.id))
      // The provider lead starts onboardings of its own provider's engagements.
      .filter((e) => can(scope, 'onboarding.create', e))
      .map((e) => ({ id: e.id, name: e.name, customerName: e.customerName }));
    return {
      // An engagement whose service started is onboarded again only as an explicit re-onboarding.
      started: mine.filter((e) => started.has(e.id)),
      engagements: engagements.items
        .filter((e) => !running.has(e.id) && !started.has(e.id))
        // The provider lead starts onboardings of its own provider's engagements.
        .filter((e) => can(scope, 'onboarding.create', e))
        .map((e) => ({ id: e.id, name: e.name, customerName: e.customerName })),
      templates: ONBOARDING_TEMPLATE_KEYS.map((key) => ({
        key,
        name: localise(this.templates.latest(key).name, language),
      })),
      today: this.clock.now().toISOString().slice(0, 10),
    };
  }
}
