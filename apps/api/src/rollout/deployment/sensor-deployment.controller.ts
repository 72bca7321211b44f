import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AccessScope, Page } from '@app/identity';
import {
  DEPLOYMENT_CSV_MAX_BYTES,
  DeploymentReport,
  DeploymentRow,
  DeploymentSummary,
  SensorDeploymentService,
} from '@app/rollout';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { paging } from '../../common/paging.dto';
import { uuidParam } from '../../common/uuid-param';
import { openUpload, uploadedText } from '../inventory/upload-source';
import {
  DeploymentListQueryDto,
  DeploymentRecordsDto,
  DeploymentStatusDto,
} from './sensor-deployment.dto';
import { ApiKeyScope } from '../../auth/api-key-scope.decorator';
import { ApiCsvUpload } from '../../openapi/request-bodies';

/**
 * The sensor's deployment per endpoint and wave: the summary, the list, and recording (one
 * endpoint, many, or a CSV of hostname,status,reason). Another tenant's engagement answers 404.
 */
@ApiTags('roll-out waves')
@ApiBearerAuth()
@Controller('api/engagements/:id/sensor-deployment')
export class SensorDeploymentController {
  constructor(private readonly deployments: SensorDeploymentService) {}

  @ApiKeyScope('deployment:read')
  @Get()
  @ApiOperation({
    summary:
      'Deployment of the in-scope endpoints: totals, per wave of the current plan, and those in no wave yet',
  })
  summary(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<DeploymentSummary> {
    return this.deployments.summary(scope, id);
  }

  @ApiKeyScope('deployment:read')
  @Get('endpoints')
  @ApiOperation({
    summary:
      'In-scope endpoints with their deployment state (deployed, failed, excused, pending), filtered and paged',
  })
  list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: DeploymentListQueryDto,
  ): Promise<Page<DeploymentRow>> {
    return this.deployments.list(
      scope,
      id,
      { state: query.state, site: query.site, q: query.q },
      paging(query),
    );
  }

  @ApiKeyScope('deployment:write')
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Record deployments by hostname (customer IT or security lead, provider lead or analyst; excused: the customer's security lead, with a reason). All or nothing: a bad record answers 400 naming records[i]",
  })
  record(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Body() body: DeploymentRecordsDto,
  ): Promise<DeploymentReport> {
    return this.deployments.record(scope, id, body.records, 'api');
  }

  @ApiKeyScope('deployment:write')
  @Put('endpoints/:endpointId')
  @ApiOperation({ summary: 'Record one endpoint’s deployment' })
  recordOne(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('endpointId', uuidParam('endpointId')) endpointId: string,
    @Body() body: DeploymentStatusDto,
  ): Promise<DeploymentRow> {
    return this.deployments.recordOne(scope, id, endpointId, body);
  }

  @ApiKeyScope('deployment:write')
  @Post('import')
  @HttpCode(200)
  @ApiCsvUpload()
  @ApiOperation({
    summary:
      'Record deployments from a CSV (one file; columns hostname,status,reason). All or nothing: a bad row answers 400 naming its line',
  })
  async import(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Req() request: FastifyRequest,
  ): Promise<DeploymentReport> {
    // Who may record is settled before the file is read.
    await this.deployments.assertMayRecord(scope, id);
    const upload = await openUpload(request, DEPLOYMENT_CSV_MAX_BYTES);
    return this.deployments.importCsv(scope, id, await uploadedText(upload.source));
  }
}
