import { ConversationReader } from '@app/collaboration';
import { conversationSection } from '../conversations/conversation-section';
import { StepUpService } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { ASSET_TYPES, RESPONSE_ACTIONS, SEVERITIES } from '@app/agreements';
import { can, EngagementView, UserService } from '@app/identity';
import {
  AwaitingApprovalsService,
  INCIDENT_STATUSES,
  IncidentFilters,
  IncidentsService,
  IncidentSummary,
  SLA_TIMERS,
} from '@app/incidents';
import { Clock } from '@app/platform';
import type { NamedFormProblem } from '../kit/form-problem';
import { PortalViewer } from '../session/portal-viewer.service';
import {
  isOpenStatus,
  nextStatuses,
  incidentsPath,
  queueOrder,
  slaState,
} from './incident-page-input';
import { escalationCalls } from './escalation-calls';
import { IncidentReviewSection } from './incident-review-section';
import { foldTimeline } from './timeline-folds';
import { EvidencePageService } from '../evidence/evidence-page.service';

/** How many incidents the queue shows (the API pages through more). */
const QUEUE_LIMIT = 200;

type Summary = IncidentSummary;

const date = (value: unknown): Date | null => (typeof value === 'string' ? new Date(value) : null);
const options = (all: readonly string[], selected: string | undefined) =>
  all.map((value) => ({ value, selected: value === selected }));

/** The data of the incident queue and incident pages, read through the viewer's scope. */
@Injectable()
export class IncidentPagesService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly evidence: EvidencePageService,
    private readonly awaiting: AwaitingApprovalsService,
    private readonly users: UserService,
    private readonly clock: Clock,
    private readonly stepUp: StepUpService,
    private readonly conversations: ConversationReader,
    private readonly reviewSection: IncidentReviewSection,
  ) {}

  /** The provider lead or an analyst of the engagement's provider: they run incidents. */
  runs(viewer: PortalViewer, engagement: EngagementView): boolean {
    return can(viewer.scope, 'incident.respond', engagement);
  }

  /** The customer's security lead: they decide the actions that wait for approval. */
  approves(viewer: PortalViewer, engagement: EngagementView): boolean {
    return can(viewer.scope, 'incident.action.decide', engagement);
  }

  private isCustomer(viewer: PortalViewer, engagement: EngagementView): boolean {
    return can(viewer.scope, 'incident.customer_task.complete', engagement);
  }

  /** The customer's people answer an escalation call for their organisation, as its link does. */
  private acknowledgesEscalations(viewer: PortalViewer, engagement: EngagementView): boolean {
    return can(viewer.scope, 'incident.escalation.acknowledge', engagement);
  }

  private base(
    engagement: EngagementView,
    problem: NamedFormProblem | null,
    doneKey: string | null,
  ) {
    return {
      engagementId: engagement.id,
      engagementName: engagement.name,
      customerName: engagement.customerName,
      queueHref: incidentsPath(engagement.id),
      problem,
      doneKey,
    };
  }

  private timers(summary: Summary) {
    const now = this.clock.now();
    return SLA_TIMERS.map((timer) => {
      const dueAt =
        date(timer === 'acknowledge' ? summary.acknowledgeDueAt : summary.respondDueAt) ?? now;
      const stoppedAt = date(
        timer === 'acknowledge'
          ? (summary.acknowledgedAt ?? summary.respondedAt)
          : summary.respondedAt,
      );
      return {
        timer,
        dueAt,
        stoppedAt,
        state: slaState(
          dueAt,
          stoppedAt,
          summary.breaches.some((b) => b.timer === timer),
          now,
        ),
      };
    });
  }

  async queuePage(
    viewer: PortalViewer,
    engagement: EngagementView,
    filters: IncidentFilters,
    problem: NamedFormProblem | null,
    doneKey: string | null,
  ) {
    const started = engagement.status === 'active';
    const page = started
      ? await this.incidents.list(viewer.scope, engagement.id, filters, {
          limit: QUEUE_LIMIT,
          offset: 0,
        })
      : { items: [], total: 0 };
    const items = page.items
      .map((s) => ({ ...s, startedAt: new Date(s.startedAt) }))
      .sort(queueOrder);
    const pending = await this.awaiting.countByIncident(
      viewer.scope,
      engagement.id,
      items.map((i) => i.id),
    );
    const values = problem?.values ?? {};
    return {
      ...this.base(engagement, problem, doneKey),
      started,
      canOpen: started && this.runs(viewer, engagement),
      filters: {
        statuses: options(INCIDENT_STATUSES, filters.status),
        severities: options(SEVERITIES, filters.severity),
        active: Boolean(filters.status || filters.severity),
      },
      severities: options(SEVERITIES, values.severity ?? 'high'),
      incidents: items.map((s) => ({
        id: s.id,
        href: incidentsPath(engagement.id, s.id),
        title: s.title,
        host: s.host,
        severity: s.severity,
        status: s.status,
        open: isOpenStatus(s.status),
        startedAt: s.startedAt,
        timers: this.timers({ ...s, startedAt: s.startedAt.toISOString() }),
        pendingApprovals: pending.get(s.id) ?? 0,
      })),
      total: page.total,
      truncated: page.total > items.length,
    };
  }

  async incidentPage(
    viewer: PortalViewer,
    engagement: EngagementView,
    incidentId: string,
    problem: NamedFormProblem | null,
    doneKey: string | null,
  ) {
    const detail = await this.incidents.get(viewer.scope, engagement.id, incidentId);
    const names = await this.names([
      detail.openedBy,
      detail.acknowledgedBy,
      detail.respondedBy,
      ...detail.timeline.map((e) => e.actorUserId),
      ...detail.tasks.map((t) => t.completedBy),
      ...detail.actions.flatMap((a) => [a.requestedBy, a.decidedBy]),
    ]);
    const who = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? null) : null);
    const path = incidentsPath(engagement.id, incidentId);
    const runs = this.runs(viewer, engagement);
    const approves = this.approves(viewer, engagement);
    const customer = this.isCustomer(viewer, engagement);
    const open = isOpenStatus(detail.status);
    const closedOut = !open;
    const values = problem?.form === 'action' ? problem.values : {};
    return {
      ...this.base(engagement, problem, doneKey),
      incident: {
        ...detail,
        startedAt: new Date(detail.startedAt),
        openedByName: who(detail.openedBy),
        resolvedAt: date(detail.resolvedAt),
        closedAt: date(detail.closedAt),
      },
      path,
      // The incident's files and the upload form (internal by default for the provider's staff).
      evidence: await this.evidence.incidentSection(viewer, engagement.id, incidentId),
      timers: this.timers(detail),
      timeline: foldTimeline(
        detail.timeline.map((e) => ({
          type: e.type,
          who: who(e.actorUserId),
          at: new Date(e.at),
        })),
      ),
      escalations: escalationCalls(detail.escalations, {
        path,
        viewerEmail: viewer.email,
        mayAcknowledge: this.acknowledgesEscalations(viewer, engagement),
      }),
      tasks: detail.tasks.map((t) => ({
        ...t,
        dueAt: new Date(t.dueAt),
        done: t.status === 'done',
        notApplicable: t.status === 'not_applicable',
        completedByName: who(t.completedBy),
        completeAction: `${path}/tasks/${t.id}/complete`,
        notApplicableAction: `${path}/tasks/${t.id}/not-applicable`,
        canComplete: t.status === 'open' && (t.owner.party === 'customer' ? customer : runs),
      })),
      actions: detail.actions.map((a) => ({
        ...a,
        requestedAt: new Date(a.requestedAt),
        timeoutAt: date(a.timeoutAt),
        decidedAt: date(a.decidedAt),
        requestedByName: who(a.requestedBy),
        decidedByName: who(a.decidedBy),
        awaiting: a.status === 'awaiting_customer',
        canDecide: approves && a.status === 'awaiting_customer',
        approvePrefix: `approve-${a.id}-`,
        declinePrefix: `decline-${a.id}-`,
        approveAction: `${path}/actions/${a.id}/approve`,
        declineAction: `${path}/actions/${a.id}/decline`,
      })),
      forms: runs
        ? {
            acknowledge: !detail.acknowledgedAt && !detail.respondedAt,
            respond: !detail.respondedAt,
            statuses: nextStatuses(detail.status),
            requestAction: open,
            actionChoices: options(RESPONSE_ACTIONS, values.action),
            targetTypes: options(ASSET_TYPES, values.targetType),
            values,
          }
        : null,
      report: closedOut ? { html: `${path}/report`, pdf: `${path}/report?format=pdf` } : null,
      conversation: conversationSection(
        engagement.id,
        await this.conversations.conversation(viewer.scope, engagement.id, 'incident', incidentId),
      ),
      review: await this.reviewSection.of(viewer, engagement, detail, path, problem),
      // The factor deciding a response action re-authenticates with (only for who decides).
      stepUp:
        approves && detail.actions.some((a) => a.status === 'awaiting_customer')
          ? await this.stepUp.strongest(viewer.userId)
          : null,
    };
  }

  /** Display names of the people on an incident (ids taken from the scoped incident's rows). */
  private names(ids: unknown[]): Promise<Map<string, string>> {
    return this.users.displayNames(ids.filter((id): id is string => typeof id === 'string'));
  }
}
