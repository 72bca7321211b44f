import { Injectable } from '@nestjs/common';
import type { Language } from '@app/identity';
import { ForbiddenException } from '@app/platform';
import {
  mayReadOverview,
  ONBOARDING_STATUSES,
  OVERVIEW_SORTS,
  OverviewRow,
  OverviewService,
  OverviewSort,
  OverviewSummary,
  OverviewSummaryService,
  PHASES,
  SLIPPAGE_BUCKETS,
  TemplateRegistry,
} from '@app/workflow';
import { paging } from '../../common/paging.dto';
import { filterOf, orderOf, OverviewQueryDto } from '../../workflow/dtos/overview.dto';
import { translate } from '../i18n/translate';
import { PortalViewer } from '../session/portal-viewer.service';
import { overviewHref, SortLink, sortLink } from './overview-links';
import { OverviewRowTexts } from './overview-row-texts';
import { stepTitles } from './overview-step-titles';
import { barChartSvg, CHART_PALETTE } from '../rendering/svg-charts';

const OVERVIEW_PATH = '/overview';
const TEMPLATE_KEY = 'edr-mdr-onboarding';

/** A row of the overview's table with its words already in the reader's language. */
export interface OverviewPageRow {
  href: string;
  customerName: string;
  engagementName: string;
  /** "#2", and the re-onboarding badge's word when it is one (the onboarding/label partial's text). */
  label: string;
  reonboarding: string | null;
  phase: string;
  /** The "active" badge's word when the service has started. */
  active: string | null;
  percentDone: number;
  percentText: string;
  /** Who is waited on, when there are blockers. */
  waitingText: string | null;
  blockers: { title: string; party: string }[];
  moreBlockers: string | null;
  noBlockers: string | null;
  overdueText: string | null;
  noneOverdue: string | null;
  plannedStartDate: string;
  plannedText: string;
  forecastStartDate: string;
  forecastText: string;
  slippageText: string | null;
  daysText: string;
}

export interface OverviewPage {
  rows: OverviewPageRow[];
  total: number;
  from: number;
  to: number;
  previousHref: string | null;
  nextHref: string | null;
  sort: Record<OverviewSort, SortLink>;
  filters: {
    q: string;
    phase: string;
    status: string;
    waitingOn: string;
    overdue: string;
    sort: string;
    direction: string;
    phases: readonly string[];
    statuses: readonly string[];
  };
  filtered: boolean;
  csvHref: string;
  /** The table's fixed words, once per page instead of once per row. */
  words: { planned: string; forecast: string };
  /**
   * Each chart's visible title (the SVG's own title is for assistive technology) and its trusted
   * SVG markup drawn by svg-charts (every text escaped there).
   */
  charts: { id: string; caption: string; svg: string }[];
}

/** The overview page's data: the kept-progress table, its links, and the summary charts. */
@Injectable()
export class OverviewPageService {
  constructor(
    private readonly overview: OverviewService,
    private readonly summaries: OverviewSummaryService,
    private readonly templates: TemplateRegistry,
  ) {}

  mayRead(viewer: PortalViewer): boolean {
    return mayReadOverview(viewer.scope);
  }

  async build(
    viewer: PortalViewer,
    language: Language,
    query: OverviewQueryDto,
  ): Promise<OverviewPage> {
    if (!this.mayRead(viewer))
      throw new ForbiddenException('The overview is for provider leads and account managers');
    const order = orderOf(query);
    const window = paging(query);
    // One statement: the page's rows, their count and the charts' figures in one round trip.
    const page = await this.overview.page(
      viewer.scope,
      filterOf(query),
      order,
      window,
      this.summaries.part(viewer.scope),
    );
    const summary = this.summaries.read(page.alongside as Record<string, number>);
    const to = window.offset + page.items.length;
    return {
      rows: this.rows(page.items, language),
      total: page.total,
      from: page.items.length ? window.offset + 1 : 0,
      to,
      previousHref:
        window.offset > 0
          ? overviewHref(OVERVIEW_PATH, {
              ...query,
              offset: Math.max(0, window.offset - window.limit) || undefined,
            })
          : null,
      nextHref: to < page.total ? overviewHref(OVERVIEW_PATH, { ...query, offset: to }) : null,
      sort: Object.fromEntries(
        OVERVIEW_SORTS.map((key) => [key, sortLink(OVERVIEW_PATH, query, order, key)]),
      ) as Record<OverviewSort, SortLink>,
      filters: {
        q: query.q ?? '',
        phase: query.phase ?? '',
        status: query.status ?? '',
        waitingOn: query.waitingOn ?? '',
        overdue: query.overdue === undefined ? '' : String(query.overdue),
        sort: query.sort ?? '',
        direction: query.direction ?? '',
        phases: PHASES,
        statuses: ONBOARDING_STATUSES,
      },
      filtered: Boolean(
        query.q || query.phase || query.status || query.waitingOn || query.overdue !== undefined,
      ),
      csvHref: overviewHref(`${OVERVIEW_PATH}/export.csv`, {
        ...query,
        limit: undefined,
        offset: undefined,
      }),
      words: {
        planned: translate(language, 'overview.table.planned'),
        forecast: translate(language, 'overview.table.forecast'),
      },
      charts: this.charts(summary, language),
    };
  }

  private rows(items: OverviewRow[], language: Language): OverviewPageRow[] {
    const texts = new OverviewRowTexts(language);
    // Blockers carry step keys; the overview's onboardings all follow the standard template.
    const titles = stepTitles(this.templates.latest(TEMPLATE_KEY), language);
    return items.map((row) => this.row(row, texts, titles));
  }

  private row(
    row: OverviewRow,
    texts: OverviewRowTexts,
    titles: ReadonlyMap<string, string>,
  ): OverviewPageRow {
    const blocked = row.blockers.length > 0;
    return {
      href: `/onboardings/${row.onboardingId}`,
      customerName: row.customerName,
      engagementName: row.engagementName,
      label: texts.text('onboarding.label', { sequence: row.sequence }),
      reonboarding: row.kind === 'reonboarding' ? texts.text('onboarding.kind.reonboarding') : null,
      phase: texts.text(`onboarding.phase.${row.phase}`),
      active: row.status === 'active' ? texts.text('onboarding.status.active') : null,
      percentDone: row.percentDone,
      percentText: texts.text('overview.table.percent', {
        percent: row.percentDone,
        done: row.requiredDone,
        required: row.requiredTotal,
      }),
      waitingText: blocked
        ? texts.text('overview.table.waitingOn', {
            customer: row.waitingOnCustomer,
            provider: row.waitingOnProvider,
          })
        : null,
      blockers: row.blockers.slice(0, 3).map((b) => ({
        title: titles.get(b.key) ?? b.key,
        party: texts.text(`overview.party.${b.party}`),
      })),
      moreBlockers: row.blockers.length > 3 ? texts.text('overview.table.moreBlockers') : null,
      noBlockers: blocked ? null : texts.text('overview.table.noBlockers'),
      overdueText: row.overdueSteps
        ? texts.text('onboarding.overdueCount', { count: row.overdueSteps })
        : null,
      noneOverdue: row.overdueSteps ? null : texts.text('onboarding.noneOverdue'),
      plannedStartDate: row.plannedStartDate,
      plannedText: texts.day(row.plannedStartDate),
      forecastStartDate: row.forecastStartDate,
      forecastText: texts.day(row.forecastStartDate),
      slippageText: row.slippageDays
        ? texts.text('overview.table.slippage', { days: row.slippageDays })
        : null,
      daysText: texts.text('overview.table.days', { days: row.daysInPhase }),
    };
  }

  private charts(summary: OverviewSummary, language: Language): OverviewPage['charts'] {
    const t = (key: string, params: Record<string, unknown> = {}): string =>
      translate(language, `overview.charts.${key}`, params);
    const count = t('onboardingCount', { count: summary.onboardings });
    return [
      {
        id: 'chart-phase',
        caption: t('byPhase'),
        svg: barChartSvg({
          id: 'chart-phase',
          title: t('byPhase'),
          summary: count,
          bars: [
            ...PHASES.map((phase, i) => ({
              label: translate(language, `onboarding.phase.${phase}`),
              value: summary.byPhase[phase],
              colour: CHART_PALETTE[i],
            })),
            {
              label: translate(language, 'onboarding.status.active'),
              value: summary.byPhase.active,
              colour: CHART_PALETTE[3],
            },
          ],
        }),
      },
      {
        id: 'chart-overdue',
        caption: t('overdueByParty'),
        svg: barChartSvg({
          id: 'chart-overdue',
          title: t('overdueByParty'),
          summary: t('overdueCount', {
            count: summary.overdueStepsByParty.customer + summary.overdueStepsByParty.provider,
          }),
          bars: [
            {
              label: t('party.customer'),
              value: summary.overdueStepsByParty.customer,
              colour: CHART_PALETTE[1],
            },
            {
              label: t('party.provider'),
              value: summary.overdueStepsByParty.provider,
              colour: CHART_PALETTE[0],
            },
          ],
        }),
      },
      {
        id: 'chart-slippage',
        caption: t('slippage'),
        svg: barChartSvg({
          id: 'chart-slippage',
          title: t('slippage'),
          summary: count,
          bars: SLIPPAGE_BUCKETS.map((bucket, i) => ({
            label: t(`bucket.${bucket}`),
            value: summary.slippage[bucket],
            colour: [CHART_PALETTE[2], CHART_PALETTE[0], CHART_PALETTE[1], CHART_PALETTE[4]][i],
          })),
        }),
      },
    ];
  }
}
