import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { ClosureReportService, IncidentMetricsService } from '@app/incidents';
import type { FastifyReply } from 'fastify';
import { sendDocument } from '../agreements/document-params';
import { DocumentQueryDto } from '../agreements/dtos/version-actions.dto';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { closureReportFile } from './closure-report-file';
import { ApiKeyScope } from '../auth/api-key-scope.decorator';

/** The closure report of an incident and the engagement's incident figures. */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('api/engagements/:id')
export class IncidentReportController {
  constructor(
    private readonly reports: ClosureReportService,
    private readonly figures: IncidentMetricsService,
  ) {}

  @ApiKeyScope('incidents:read')
  @Get('incidents/:incidentId/report')
  @ApiProduces('text/html', 'application/pdf')
  @ApiOperation({
    summary: 'The closure report in the service language (once resolved or closed; 409 before)',
  })
  async report(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
    @Query() query: DocumentQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    return sendDocument(
      reply,
      await closureReportFile(
        this.reports,
        scope,
        id,
        incidentId,
        query.format === 'pdf' ? 'pdf' : 'html',
      ),
    );
  }

  @ApiKeyScope('incidents:read')
  @Get('incident-metrics')
  @ApiOperation({
    summary:
      'Mean time to acknowledge and resolve, SLA compliance per timer and overall, counts by severity',
  })
  metrics(@CurrentScope() scope: AccessScope, @Param('id', uuidParam('id')) id: string) {
    return this.figures.metrics(scope, id);
  }
}
