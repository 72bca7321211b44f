import { Body, Controller, Get, Header, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { SiteBandwidthService, SiteView, WavesPlan, WavesService } from '@app/rollout';
import { ValidationException } from '@app/platform';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { uuidParam } from '../../common/uuid-param';
import { SiteFiguresDto } from './site.dto';

function siteName(value: string): string {
  const site = value.trim();
  if (site.length < 1 || site.length > 200)
    throw new ValidationException([{ field: 'site', reason: 'must be 1 to 200 characters' }]);
  return site;
}

/** Site bandwidth figures and the update waves computed from them. */
@ApiTags('roll-out waves')
@ApiBearerAuth()
@Controller('api/engagements/:id')
export class WavesController {
  constructor(
    private readonly sites: SiteBandwidthService,
    private readonly waves: WavesService,
  ) {}

  @Get('sites')
  @ApiOperation({
    summary: 'The inventory’s sites with their figures and max concurrent downloads',
  })
  list(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<SiteView[]> {
    return this.sites.list(scope, id);
  }

  @Put('sites/:site')
  @ApiOperation({ summary: 'Set a site’s bandwidth figures (provider lead/analyst)' })
  put(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('site') site: string,
    @Body() body: SiteFiguresDto,
  ): Promise<SiteView> {
    return this.sites.put(scope, id, siteName(site), {
      linkMbps: body.linkMbps,
      updateSharePercent: body.updateSharePercent,
      peakUseMbps: body.peakUseMbps,
      packageSizeMb: body.packageSizeMb,
      downloadMbps: body.downloadMbps,
    });
  }

  @Get('waves')
  @ApiOperation({
    summary:
      'Update waves per site with estimated minutes, warnings where a policy exceeds a site, and the endpoints set apart (excluded by decision, unsupported) that are in no wave, with why',
  })
  plan(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<WavesPlan> {
    return this.waves.plan(scope, id);
  }

  @Get('waves.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="update-waves.csv"')
  @ApiOperation({
    summary:
      'The update waves as CSV: site, wave, group, hostname, wave_minutes, site_max_concurrent_downloads, set_apart, set_apart_detail (the endpoints set apart come last, with no wave)',
  })
  csv(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
  ): Promise<string> {
    return this.waves.csv(scope, id);
  }
}
