import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { csvLine } from '@app/platform';
import { DEFAULT_DIRECTION, OverviewFilter, OverviewOrder, OverviewRow, OverviewService, OverviewSummaryService } from '@app/workflow';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentScope } from '../auth/current-scope.decorator';
import { Roles } from '../auth/roles.decorator';
import { paging } from '../common/paging.dto';
import { OverviewQueryDto } from './dtos/overview.dto';

const CSV_HEADER = [
  'customer', 'engagement', 'status', 'phase', 'days_in_phase', 'required_done', 'required_total', 'percent_done',
  'waiting_on_customer', 'waiting_on_provider', 'overdue_steps', 'next_due_at', 'planned_start', 'forecast_start',
  'slippage_days', 'blockers', 'onboarding_id',
];

function csvRow(row: OverviewRow): string {
  return csvLine([
    row.customerName, row.engagementName, row.status, row.phase, row.daysInPhase, row.requiredDone, row.requiredTotal,
    row.percentDone, row.waitingOnCustomer, row.waitingOnProvider, row.overdueSteps, row.nextDueAt, row.plannedStartDate,
    row.forecastStartDate, row.slippageDays, row.blockers.map((b) => `${b.key} (${b.party})`).join('; '), row.onboardingId,
  ]);
}

@ApiTags('overview')
@ApiBearerAuth()
@Controller('api/overview')
@Roles('provider_lead', 'account_manager')
export class OverviewController {
  constructor(
    private readonly overview: OverviewService,
    private readonly summaries: OverviewSummaryService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Every onboarding the caller follows: progress, blockers, who is waited on, overdue, forecast start' })
  list(@CurrentScope() scope: AccessScope, @Query() query: OverviewQueryDto): Promise<object> {
    return this.overview.page(scope, filterOf(query), orderOf(query), paging(query));
  }

  @Get('summary')
  @ApiOperation({ summary: 'Onboardings by phase, overdue steps by party, forecast slippage' })
  summary(@CurrentScope() scope: AccessScope): Promise<object> {
    return this.summaries.summary(scope);
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The overview as CSV (same filters and order, every row)' })
  export(@CurrentScope() scope: AccessScope, @Query() query: OverviewQueryDto, @Res() reply: FastifyReply): void {
    const rows = this.overview.all(scope, filterOf(query), orderOf(query));
    async function* lines(): AsyncGenerator<string> {
      // A byte-order mark so spreadsheet programs read the UTF-8 names correctly.
      yield `\uFEFF${csvLine(CSV_HEADER)}`;
      for await (const row of rows) yield csvRow(row);
    }
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="onboarding-overview.csv"')
      .send(Readable.from(lines()));
  }
}

function filterOf(query: OverviewQueryDto): OverviewFilter {
  return { phase: query.phase, status: query.status, waitingOn: query.waitingOn, overdue: query.overdue, q: query.q };
}

function orderOf(query: OverviewQueryDto): OverviewOrder {
  const sort = query.sort ?? 'next_due';
  return { sort, direction: query.direction ?? DEFAULT_DIRECTION[sort] };
}
