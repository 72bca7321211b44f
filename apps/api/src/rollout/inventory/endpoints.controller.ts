import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AccessScope, Page } from '@app/identity';
import { APP_CONFIG, AppConfig } from '@app/platform';
import {
  ClassifyReport,
  EndpointClassificationService,
  EndpointImportService,
  EndpointQueryService,
  EndpointView,
  ImportReport,
  InventorySummary,
} from '@app/rollout';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { paging } from '../../common/paging.dto';
import { uuidParam } from '../../common/uuid-param';
import { EndpointListQueryDto, ImportQueryDto } from './dtos/endpoint-query.dto';
import { openUpload } from './upload-source';
import { ApiKeyScope } from '../../auth/api-key-scope.decorator';
import { ApiCsvUpload } from '../../openapi/request-bodies';

/**
 * An engagement's endpoint inventory: CSV import (multipart, streamed), the filtered list, the
 * support-status summary and re-classification. Another tenant's engagement answers 404.
 */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api/engagements/:id/endpoints')
export class EndpointsController {
  constructor(
    private readonly imports: EndpointImportService,
    private readonly queries: EndpointQueryService,
    private readonly classification: EndpointClassificationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiKeyScope('endpoints:write')
  @Post('import')
  @HttpCode(200)
  @ApiCsvUpload()
  @ApiOperation({
    summary:
      'Import the inventory CSV (one file; columns hostname,type,os_family,os_version,kernel,site,country,existing_product,tags; tags separated by ; or |). Upserts by hostname. Any bad row imports nothing (400 listing them) unless skipInvalid=true',
  })
  import(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: ImportQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<ImportReport> {
    return this.imports.importForScope(
      scope,
      id,
      () => openUpload(request, this.config.importMaxBytes),
      {
        skipInvalid: query.skipInvalid ?? false,
      },
    );
  }

  @ApiKeyScope('endpoints:read')
  @Get()
  @ApiOperation({
    summary:
      'Endpoints, filtered (site, country, type, osFamily, supportStatus, q = hostname prefix) and paged',
  })
  list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Query() query: EndpointListQueryDto,
  ): Promise<Page<EndpointView>> {
    const { limit: _l, offset: _o, ...filters } = query;
    return this.queries.list(scope, id, filters, paging(query));
  }

  @ApiKeyScope('endpoints:read')
  @Get('summary')
  @ApiOperation({
    summary: 'Counts by OS family and support status; the sites and countries present',
  })
  summary(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<InventorySummary> {
    return this.queries.summary(scope, id);
  }

  @ApiKeyScope('endpoints:write')
  @Post('classify')
  @HttpCode(200)
  @ApiOperation({
    summary: "Re-classify every endpoint against the EDR product's support matrix, as of today",
  })
  classify(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<ClassifyReport> {
    return this.classification.reclassify(scope, id);
  }
}
