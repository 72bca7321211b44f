import { Injectable } from '@nestjs/common';
import { EngagementService, EngagementView, OrganisationService } from '@app/identity';
import { PortalViewer } from '../session/portal-viewer.service';

/** Whose home page it is; each gets its own section of pages/home.hbs. */
export type HomeAudience = 'platform_admin' | 'provider' | 'account_manager' | 'customer';

export interface EngagementRow {
  id: string;
  name: string;
  customerName: string;
  providerName: string;
  status: string;
  createdAt: Date;
  /** Filled in by the onboarding feature; the `home/onboarding-progress` partial shows it. */
  onboarding: null;
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
}

const LIST_LIMIT = 100;

export function audienceOf(viewer: PortalViewer): HomeAudience {
  const scope = viewer.scope;
  if (scope.isPlatformAdmin) return 'platform_admin';
  if (scope.has('provider_lead', 'provider_analyst')) return 'provider';
  if (scope.has('account_manager')) return 'account_manager';
  return 'customer';
}

function toRow(engagement: EngagementView): EngagementRow {
  return {
    id: engagement.id,
    name: engagement.name,
    customerName: engagement.customerName,
    providerName: engagement.providerName,
    status: engagement.status,
    createdAt: engagement.createdAt,
    onboarding: null,
  };
}

/**
 * The home page's data. Every list goes through the identity services with the viewer's
 * scope, so a customer sees only its own engagements, provider staff their provider's,
 * account managers the ones assigned to them and platform admins everything.
 */
@Injectable()
export class HomeViewService {
  constructor(
    private readonly engagements: EngagementService,
    private readonly organisations: OrganisationService,
  ) {}

  async build(viewer: PortalViewer): Promise<HomeView> {
    const audience = audienceOf(viewer);
    const page = await this.engagements.list(viewer.scope, { limit: LIST_LIMIT, offset: 0 });
    return {
      audience,
      engagements: {
        items: page.items.map(toRow),
        total: page.total,
        truncated: page.total > page.items.length,
      },
      organisations: audience === 'platform_admin' ? await this.organisationSummary(viewer) : null,
    };
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
