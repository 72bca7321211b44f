import { Injectable } from '@nestjs/common';
import { AccessScope, can } from '@app/access';
import { EngagementService, EngagementView, Language, OrganisationService } from '@app/identity';
import { OnboardingDetail, OnboardingSummary, OnboardingViewService } from '@app/workflow';
import { OnboardingPageService } from '../onboarding/onboarding-page.service';
import { byDueDate, WaitingItem, waitingOnViewer } from '../onboarding/waiting-on-you';
import { PortalViewer } from '../session/portal-viewer.service';
import { NO_OPEN_INCIDENTS, OpenIncidentList, OpenIncidents } from './open-incidents';
import { PendingApproval, PendingApprovals } from './pending-approvals';

/** Whose home page it is; each gets its own section of pages/home/home.hbs. */
export type HomeAudience = 'platform_admin' | 'provider' | 'account_manager' | 'customer';

/** Where an engagement's onboarding stands, for the `home/onboarding-progress` partial. */
export interface EngagementOnboarding {
  id: string;
  href: string;
  status: string;
  currentPhase: string;
  requiredDone: number;
  requiredSteps: number;
  overdueSteps: number;
  plannedStartDate: string;
}

export interface EngagementRow {
  id: string;
  name: string;
  customerName: string;
  providerName: string;
  status: string;
  createdAt: Date;
  /** The engagement's onboarding (the one in progress, else the latest started); null: none. */
  onboarding: EngagementOnboarding | null;
  /** The incident queue, once the service has started. */
  incidentsHref: string | null;
  /** The engagement's Slack and Teams channels, for those who may see them. */
  channelsHref: string | null;
}

export interface OrganisationRow {
  id: string;
  name: string;
  kind: string;
  language: string;
}

export interface HomeView {
  audience: HomeAudience;
  engagements: { items: EngagementRow[]; total: number; truncated: boolean };
  /** Only for platform admins. */
  organisations: {
    items: OrganisationRow[];
    total: number;
    customers: number;
    providers: number;
    truncated: boolean;
  } | null;
  /** Steps that wait on the viewer, soonest due first. */
  waiting: {
    items: WaitingItem[];
    /** Some onboardings were not looked at (more than WAITING_ONBOARDINGS). */
    truncated: boolean;
  };
  /** Customers: each onboarding's required steps per phase, and the service once started. */
  progress: CustomerProgress[];
  /** Whether the viewer may start onboardings (the "start one" link of an engagement without). */
  mayStartOnboarding: boolean;
  /** The security lead's response actions awaiting approval (started services only). */
  pendingApprovals: PendingApproval[];
  /** Provider staff and customers: the unresolved incidents of the engagements they see. */
  openIncidents: OpenIncidentList;
}

/** One onboarding as the customer's home shows it: progress by phase, then the service. */
export interface CustomerProgress {
  id: string;
  href: string;
  customerName: string;
  status: string;
  phases: { phase: string; title: string; done: number; required: number; current: boolean }[];
  /** Set once the service started: its date and the completion certificate. */
  service: { startedAt: Date; certificateHref: string; certificatePdfHref: string } | null;
}

function progressOf(detail: OnboardingDetail): CustomerProgress {
  const certificate = `/onboardings/${detail.id}/completion-certificate`;
  return {
    id: detail.id,
    href: `/onboardings/${detail.id}`,
    customerName: detail.customerName,
    status: detail.status,
    phases: detail.phases
      .filter((p) => p.required > 0)
      .map((p) => ({
        phase: p.phase,
        title: p.title,
        done: p.settled,
        required: p.required,
        current: detail.status === 'in_progress' && detail.currentPhase === p.phase,
      })),
    service:
      detail.status === 'active' && detail.serviceStartedAt
        ? {
            startedAt: detail.serviceStartedAt,
            certificateHref: certificate,
            certificatePdfHref: `${certificate}?format=pdf`,
          }
        : null,
  };
}

const LIST_LIMIT = 100;
/** How many onboardings the waiting list looks into (in progress ones first). */
const WAITING_ONBOARDINGS = 20;

function audienceOf(viewer: PortalViewer): HomeAudience {
  const scope = viewer.scope;
  if (scope.isPlatformAdmin) return 'platform_admin';
  if (scope.has('provider_lead', 'provider_analyst')) return 'provider';
  if (scope.has('account_manager')) return 'account_manager';
  return 'customer';
}

function toOnboarding(summary: OnboardingSummary): EngagementOnboarding {
  return {
    id: summary.id,
    href: `/onboardings/${summary.id}`,
    status: summary.status,
    currentPhase: summary.currentPhase,
    requiredDone: summary.requiredDone,
    requiredSteps: summary.requiredSteps,
    overdueSteps: summary.overdueSteps,
    plannedStartDate: summary.plannedStartDate,
  };
}

function startedAt(summary: OnboardingSummary): number {
  return summary.serviceStartedAt ? new Date(summary.serviceStartedAt).getTime() : 0;
}

/** Per engagement, the onboarding in progress, else the one started most recently. */
function onboardingByEngagement(summaries: OnboardingSummary[]): Map<string, OnboardingSummary> {
  const chosen = new Map<string, OnboardingSummary>();
  for (const summary of summaries) {
    const current = chosen.get(summary.engagementId);
    const better =
      !current ||
      (summary.status === 'in_progress' && current.status !== 'in_progress') ||
      (summary.status === current.status && startedAt(summary) > startedAt(current));
    if (better) chosen.set(summary.engagementId, summary);
  }
  return chosen;
}

function toRow(
  engagement: EngagementView,
  onboarding: OnboardingSummary | undefined,
  scope: AccessScope,
): EngagementRow {
  return {
    id: engagement.id,
    name: engagement.name,
    customerName: engagement.customerName,
    providerName: engagement.providerName,
    status: engagement.status,
    createdAt: engagement.createdAt,
    onboarding: onboarding ? toOnboarding(onboarding) : null,
    incidentsHref:
      engagement.status === 'active' ? `/engagements/${engagement.id}/incidents` : null,
    channelsHref: can(scope, 'notification_channel.read', engagement)
      ? `/engagements/${engagement.id}/notification-channels`
      : null,
  };
}

/**
 * The home page's data. Every list goes through the identity and workflow services with the
 * viewer's scope, so a customer sees only its own engagements, provider staff their provider's,
 * account managers the ones assigned to them and platform admins everything.
 */
@Injectable()
export class HomeViewService {
  constructor(
    private readonly engagements: EngagementService,
    private readonly organisations: OrganisationService,
    private readonly onboardingPages: OnboardingPageService,
    private readonly onboardingViews: OnboardingViewService,
    private readonly approvals: PendingApprovals,
    private readonly incidents: OpenIncidents,
  ) {}

  async build(viewer: PortalViewer, language: Language = viewer.language): Promise<HomeView> {
    const audience = audienceOf(viewer);
    const [page, onboardings] = await Promise.all([
      this.engagements.list(viewer.scope, { limit: LIST_LIMIT, offset: 0 }),
      this.onboardingPages.summaries(viewer),
    ]);
    const byEngagement = onboardingByEngagement(onboardings.items);
    const looked = await this.details(viewer, language, onboardings.items);
    return {
      audience,
      engagements: {
        items: page.items.map((e) => toRow(e, byEngagement.get(e.id), viewer.scope)),
        total: page.total,
        truncated: page.total > page.items.length,
      },
      organisations: audience === 'platform_admin' ? await this.organisationSummary(viewer) : null,
      waiting: {
        items: looked.details
          .flatMap((detail) => waitingOnViewer(language, detail, viewer.userId))
          .sort(byDueDate),
        truncated: looked.truncated,
      },
      progress: audience === 'customer' ? looked.details.map(progressOf) : [],
      mayStartOnboarding: this.onboardingPages.mayCreate(viewer),
      pendingApprovals: audience === 'customer' ? await this.approvals.of(viewer, page.items) : [],
      openIncidents:
        audience === 'provider' || audience === 'customer'
          ? await this.incidents.of(viewer, page.items)
          : NO_OPEN_INCIDENTS,
    };
  }

  /** The onboardings the waiting list and the customer's progress look into, in progress first. */
  private async details(
    viewer: PortalViewer,
    language: Language,
    summaries: OnboardingSummary[],
  ): Promise<{ details: OnboardingDetail[]; truncated: boolean }> {
    // Platform admins belong to no party of any engagement: nothing ever waits on them.
    if (viewer.scope.isPlatformAdmin || viewer.organisation === null) {
      return { details: [], truncated: false };
    }
    const ordered = [
      ...summaries.filter((s) => s.status === 'in_progress'),
      ...summaries.filter((s) => s.status !== 'in_progress'),
    ];
    const looked = ordered.slice(0, WAITING_ONBOARDINGS);
    const details: OnboardingDetail[] = [];
    for (const summary of looked) {
      details.push(
        await this.onboardingViews.detail(viewer.scope, summary.id, language, { historyLimit: 0 }),
      );
    }
    return { details, truncated: ordered.length > looked.length };
  }

  private async organisationSummary(viewer: PortalViewer): Promise<HomeView['organisations']> {
    const scope = viewer.scope;
    const [all, customers, providers] = await Promise.all([
      this.organisations.list(scope, { limit: LIST_LIMIT, offset: 0 }),
      this.organisations.list(scope, { limit: 1, offset: 0 }, 'customer'),
      this.organisations.list(scope, { limit: 1, offset: 0 }, 'provider'),
    ]);
    return {
      items: all.items.map((o) => ({ id: o.id, name: o.name, kind: o.kind, language: o.language })),
      total: all.total,
      customers: customers.total,
      providers: providers.total,
      truncated: all.total > all.items.length,
    };
  }
}
