import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import {
  OverviewRow,
  OverviewService,
  OverviewSummaryService,
  overviewCsvLines,
} from '@app/workflow';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { CurrentScope } from '../auth/current-scope.decorator';
import { Can } from '../auth/can.decorator';
import { paging } from '../common/paging.dto';
import type { Page } from '@app/identity';
import { filterOf, orderOf, OverviewQueryDto } from './dtos/overview.dto';

@ApiTags('overview')
@ApiBearerAuth()
@Controller('api/overview')
@Can('overview.read')
export class OverviewController {
  constructor(
    private readonly overview: OverviewService,
    private readonly summaries: OverviewSummaryService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Every onboarding the caller follows: progress, blockers, who is waited on, overdue, forecast start',
  })
  // The page alone: the portal's page asks for its chart figures alongside, the API never does.
  list(
    @CurrentScope() scope: AccessScope,
    @Query() query: OverviewQueryDto,
  ): Promise<Page<OverviewRow>> {
    return this.overview.page(scope, filterOf(query), orderOf(query), paging(query));
  }

  @Get('summary')
  @ApiOperation({ summary: 'Onboardings by phase, overdue steps by party, forecast slippage' })
  summary(@CurrentScope() scope: AccessScope) {
    return this.summaries.summary(scope);
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The overview as CSV (same filters and order, every row)' })
  export(
    @CurrentScope() scope: AccessScope,
    @Query() query: OverviewQueryDto,
    @Res() reply: FastifyReply,
  ): void {
    const lines = overviewCsvLines(this.overview.all(scope, filterOf(query), orderOf(query)));
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="onboarding-overview.csv"')
      .send(Readable.from(lines));
  }
}
